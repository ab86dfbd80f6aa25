package wales.gov.grants.claims;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import wales.gov.grants.audit.RecordedEvent;
import wales.gov.grants.awards.Award;
import wales.gov.grants.evidence.Evidence;
import wales.gov.grants.evidence.EvidenceService;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.SampleFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Double funding found from evidence hashes and claim lines, and the acknowledged approval it then needs. */
class DoubleFundingTest {
    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final ClaimService claims = fixtures.claims();
    private final EvidenceService evidence = fixtures.services(
            new EvidenceStorage(Path.of("target", "double-funding-evidence"), 10_000_000)).evidence();
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor finance = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor auditor = fixtures.actor(Role.AUDITOR);
    private final Actor cardiff = fixtures.recipient(fixtures.cardiff());
    private final Actor swansea = fixtures.recipient(fixtures.swansea());

    @Test
    void theSameFileUnderTwoAwardsOfTwoOrganisationsIsAWarningOnBothClaims() {
        byte[] invoice = SampleFiles.utf8("Invoice 2019-044 " + Fixtures.unique("tutoring"));
        Scheme scheme = fixtures.scheme(manager, "10000.00", "5000.00");
        Scheme another = fixtures.scheme(manager, "10000.00", "5000.00");
        Award cardiffAward = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "1000.00", cardiff);
        Award swanseaAward = fixtures.activeAward(manager, another, fixtures.swansea(), "1000.00", swansea);
        Claim cardiffClaim = fixtures.draftClaim(cardiff, cardiffAward, 0, "100.00");
        Claim swanseaClaim = fixtures.draftClaim(swansea, swanseaAward, 0, "100.00");
        Evidence first = upload(cardiff, cardiffAward, cardiffClaim, invoice);
        assertThat(claims.warnings(finance, cardiffClaim.id())).isEmpty();
        Evidence second = upload(swansea, swanseaAward, swanseaClaim, invoice);
        assertThat(second.sha256()).isEqualTo(first.sha256());

        assertThat(claims.warnings(finance, cardiffClaim.id())).singleElement().satisfies(warning -> {
            assertThat(warning.kind()).isEqualTo(ClaimWarning.Kind.SHARED_EVIDENCE);
            assertThat(warning.sha256()).isEqualTo(first.sha256());
            assertThat(warning.otherClaimId()).isEqualTo(swanseaClaim.id());
            assertThat(warning.otherAwardId()).isEqualTo(swanseaAward.id());
            assertThat(warning.otherOrganisationId()).isEqualTo(fixtures.swansea().id());
            assertThat(warning.otherSchemeId()).isEqualTo(another.id());
        });
        assertThat(claims.warnings(auditor, swanseaClaim.id())).singleElement()
                .satisfies(warning -> assertThat(warning.otherClaimId()).isEqualTo(cardiffClaim.id()));
        assertThat(claims.warnings(manager, swanseaClaim.id())).hasSize(1);
        assertThat(claims.withWarnings(finance, List.of(cardiffClaim, swanseaClaim)))
                .containsExactlyInAnyOrder(cardiffClaim.id(), swanseaClaim.id());
    }

    @Test
    void theSameFileUnderTwoAwardsOfOneOrganisationIsAWarningButTwiceUnderOneAwardIsNot() {
        byte[] invoice = SampleFiles.utf8("Invoice " + Fixtures.unique("uniforms"));
        Scheme scheme = fixtures.scheme(manager, "10000.00", "5000.00");
        Award one = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "1000.00", cardiff);
        Award two = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "1000.00", cardiff);
        Claim first = fixtures.draftClaim(cardiff, one, 0, "100.00");
        Claim sameAward = fixtures.draftClaim(cardiff, one, 1, "100.00");
        upload(cardiff, one, first, invoice);
        upload(cardiff, one, sameAward, invoice);
        assertThat(claims.warnings(finance, first.id())).isEmpty();

        Claim otherAward = fixtures.draftClaim(cardiff, two, 0, "100.00");
        upload(cardiff, two, otherAward, invoice);
        assertThat(claims.warnings(finance, first.id())).singleElement()
                .satisfies(warning -> assertThat(warning.otherAwardId()).isEqualTo(two.id()));
        assertThat(claims.warnings(finance, otherAward.id())).extracting(ClaimWarning::otherClaimId)
                .containsExactlyInAnyOrder(first.id(), sameAward.id());
    }

    @Test
    void aRejectedClaimOrRemovedEvidenceFundsNothing() {
        byte[] invoice = SampleFiles.utf8("Invoice " + Fixtures.unique("equipment"));
        Scheme scheme = fixtures.scheme(manager, "10000.00", "5000.00");
        Award one = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "1000.00", cardiff);
        Award two = fixtures.activeAward(manager, scheme, fixtures.swansea(), "1000.00", swansea);
        Claim cardiffClaim = fixtures.submittedClaim(cardiff, one, 0, "100.00");
        Claim swanseaClaim = fixtures.draftClaim(swansea, two, 0, "100.00");
        upload(cardiff, one, cardiffClaim, invoice);
        Evidence theirs = upload(swansea, two, swanseaClaim, invoice);
        assertThat(claims.warnings(finance, swanseaClaim.id())).hasSize(1);

        claims.transition(finance, cardiffClaim.id(), ClaimTransition.REJECT, "Wrong period");
        assertThat(claims.warnings(finance, swanseaClaim.id())).isEmpty();
        assertThat(claims.warnings(finance, cardiffClaim.id())).hasSize(1);
        evidence.remove(swansea, theirs.id());
        assertThat(claims.warnings(finance, cardiffClaim.id())).isEmpty();
    }

    @Test
    void theSameLineTwiceInOneClaimIsAWarningWhateverItsCaseSpacingOrPunctuation() {
        Award award = fixtures.activeAward(manager, fixtures.scheme(manager, "10000.00", "5000.00"),
                fixtures.cardiff(), "1000.00", cardiff);
        Claim claim = claims.create(cardiff, award.id(), new NewClaim("2019-04-01", "2019-06-30", List.of(
                new NewClaim.NewClaimLine("PDG Access", "School uniform, Ysgol Gyfun Gŵyr", "120.00"),
                new NewClaim.NewClaimLine("PDG Access", "Tutoring", "120.00"),
                new NewClaim.NewClaimLine("PDG Access", "SCHOOL  UNIFORM ysgol gyfun gŵyr.", "120.00"),
                new NewClaim.NewClaimLine("PDG Access", "School uniform Ysgol Gyfun Gŵyr", "120.01"),
                new NewClaim.NewClaimLine("Enrichment", "School uniform Ysgol Gyfun Gŵyr", "120.00"))));

        assertThat(claims.warnings(finance, claim.id())).singleElement().satisfies(warning -> {
            assertThat(warning.kind()).isEqualTo(ClaimWarning.Kind.REPEATED_LINE);
            assertThat(warning.linePosition()).isZero();
            assertThat(warning.otherLinePosition()).isEqualTo(2);
            assertThat(warning.otherClaimId()).isEqualTo(claim.id());
            assertThat(warning.otherAwardId()).isEqualTo(award.id());
        });
    }

    @Test
    void theSameLineInAnotherClaimOfTheAwardForAnOverlappingPeriodIsAWarning() {
        Award award = fixtures.activeAward(manager, fixtures.scheme(manager, "10000.00", "5000.00"),
                fixtures.cardiff(), "1000.00", cardiff);
        Claim claim = fixtures.draftClaim(cardiff, award, 10, "75.00");
        // the service refuses a second live claim for an overlapping period; one written around it, as a claim from
        // before that rule was, is still found, because the finding is the database's, not the rule's
        fixtures.jdbi().useHandle(handle -> {
            java.util.UUID other = java.util.UUID.randomUUID();
            handle.execute("INSERT INTO claims (id, award_id, period_start, period_end, status, amount_pence, "
                    + "created_by, created_at) SELECT ?, award_id, period_start, period_end, 'DRAFT', amount_pence, "
                    + "created_by, created_at FROM claims WHERE id = ?", other, claim.id().value());
            handle.execute("INSERT INTO claim_lines (claim_id, position, category, description, amount_pence) "
                    + "VALUES (?, 0, 'PDG Access', 'school uniform and equipment!', 7500)", other);
        });
        assertThat(claims.warnings(finance, claim.id())).singleElement().satisfies(warning -> {
            assertThat(warning.kind()).isEqualTo(ClaimWarning.Kind.REPEATED_LINE);
            assertThat(warning.otherClaimId()).isNotEqualTo(claim.id());
        });
        Claim later = fixtures.draftClaim(cardiff, award, 40, "75.00");
        assertThat(claims.warnings(finance, later.id())).isEmpty();
    }

    @Test
    void warningsAreNeverShownToARecipient() {
        Award award = fixtures.activeAward(manager, fixtures.scheme(manager, "10000.00", "5000.00"),
                fixtures.cardiff(), "1000.00", cardiff);
        Claim claim = fixtures.draftClaim(cardiff, award, 0, "10.00");
        assertThatThrownBy(() -> claims.warnings(cardiff, claim.id())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> claims.warnings(swansea, claim.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> claims.withWarnings(cardiff, List.of(claim)))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void approvingAClaimWithWarningsNeedsTheirAcknowledgementWithAReasonAndIsAudited() {
        byte[] invoice = SampleFiles.utf8("Invoice " + Fixtures.unique("therapy"));
        Scheme scheme = fixtures.scheme(manager, "10000.00", "5000.00");
        Award one = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "1000.00", cardiff);
        Award two = fixtures.activeAward(manager, scheme, fixtures.swansea(), "1000.00", swansea);
        Claim claim = fixtures.draftClaim(cardiff, one, 0, "100.00");
        Claim theirs = fixtures.draftClaim(swansea, two, 0, "100.00");
        Evidence shared = upload(cardiff, one, claim, invoice);
        upload(swansea, two, theirs, invoice);
        claims.transition(cardiff, claim.id(), ClaimTransition.SUBMIT, null);

        assertThatThrownBy(() -> claims.approve(finance, claim.id(), ApprovalRequest.PLAIN))
                .isInstanceOfSatisfying(RuleViolationException.class, refused -> {
                    assertThat(refused.rule()).isEqualTo("warnings-not-acknowledged");
                    assertThat(refused.getMessage()).contains(shared.sha256(), theirs.id().toString(),
                            two.id().toString());
                });
        assertThatThrownBy(() -> claims.transition(finance, claim.id(), ClaimTransition.APPROVE, null))
                .isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> claims.approve(finance, claim.id(), new ApprovalRequest(false, "Checked", null)))
                .isInstanceOf(RuleViolationException.class);
        for (String bad : new String[] {null, "   ", "a\u0007b", "two\nlines", "x".repeat(2001)}) {
            assertThatThrownBy(() -> claims.approve(finance, claim.id(), new ApprovalRequest(true, bad, null)))
                    .as(String.valueOf(bad)).isInstanceOfSatisfying(ValidationException.class,
                            invalid -> assertThat(invalid.errors()).extracting(ValidationException.FieldError::field)
                                    .containsExactly("reason"));
        }
        assertThat(claims.get(finance, claim.id()).claim().status()).isEqualTo(ClaimStatus.SUBMITTED);

        Claim approved = claims.approve(finance, claim.id(),
                new ApprovalRequest(true, "  Swansea's copy is a different quarter's invoice  ", null));
        assertThat(approved.status()).isEqualTo(ClaimStatus.APPROVED);
        ClaimApproval approval = approved.approvals().get(0);
        assertThat(approval.acknowledgementReason()).isEqualTo("Swansea's copy is a different quarter's invoice");
        assertThat(approval.acknowledgedWarnings()).containsExactly(
                "SHARED_EVIDENCE:" + shared.sha256() + ":" + theirs.id());
        assertThat(claims.get(finance, claim.id()).claim().approvals()).containsExactly(approval);
        RecordedEvent event = claims.get(finance, claim.id()).history().stream()
                .filter(recorded -> recorded.action().name().equals("CLAIM_APPROVED")).findFirst().orElseThrow();
        assertThat(event.details()).containsEntry("acknowledgementReason",
                "Swansea's copy is a different quarter's invoice");
        assertThat(event.details().get("acknowledgedWarnings")).isEqualTo(approval.acknowledgedWarnings());
    }

    @Test
    void aClaimWithoutWarningsIsApprovedWithOrWithoutAnAcknowledgementAndRecordsNone() {
        Award award = fixtures.activeAward(manager, fixtures.scheme(manager, "10000.00", "5000.00"),
                fixtures.cardiff(), "1000.00", cardiff);
        Claim plain = fixtures.submittedClaim(cardiff, award, 0, "10.00");
        assertThat(claims.approve(finance, plain.id(), null).approvals().get(0).acknowledgementReason()).isNull();
        Claim acknowledged = fixtures.submittedClaim(cardiff, award, 1, "10.00");
        ClaimApproval approval = claims.approve(finance, acknowledged.id(), new ApprovalRequest(true, "Checked",
                null)).approvals().get(0);
        assertThat(approval.acknowledgementReason()).isNull();
        assertThat(approval.acknowledgedWarnings()).isEmpty();
        Map<String, Object> details = claims.get(finance, acknowledged.id()).history().get(2).details();
        assertThat(details == null ? Map.of() : details).doesNotContainKey("acknowledgementReason");
    }

    private Evidence upload(Actor recipient, Award award, Claim claim, byte[] content) {
        EvidenceStorage.StagedFile file = evidence.stage(new ByteArrayInputStream(content));
        return evidence.upload(recipient, award.id(), file, new EvidenceService.NewEvidence("invoice.txt", "Invoice",
                claim.id().toString(), null), null).evidence();
    }
}
