package wales.gov.grants.packs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.audit.ChainedEvent;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardService;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.wiring.GrantsServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the auditor's page reads beside the pack: the certification the pack would carry (the same checks, no download
 * recorded), an award's chain with its hashes, and the whole trail's verification for the roles that may ask.
 */
class AwardCertificationTest {
    private final TestClock clock = new TestClock();
    private final Fixtures fixtures = Fixtures.onTestDatabase(clock);
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor auditor = fixtures.actor(Role.AUDITOR);
    private final Actor cardiff = fixtures.recipient(fixtures.cardiff());

    @TempDir
    Path evidenceRoot;

    @Test
    void theCertificationIsThePacksChecksAndRecordsNoDownload() throws IOException {
        GrantsServices services = fixtures.services(new EvidenceStorage(evidenceRoot, 10_000_000));
        Scheme scheme = fixtures.scheme(manager, "10000.00", "5000.00");
        Award award = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "3000.00", cardiff);
        fixtures.approvedClaim(cardiff, fixtures.actor(Role.FINANCE_OFFICER), award, 5, "1000.00");
        long downloads = downloads(services);

        AuditPackService.Certified certified = services.packs().certification(auditor, award.id());

        assertThat(downloads(services)).isEqualTo(downloads);
        assertThat(certified.chain().valid()).isTrue();
        assertThat(certified.chain().checkpoint()).isPresent();
        List<String> fromPack = new ArrayList<>();
        try (AuditPackService.Pack pack = services.packs().awardPack(auditor, award.id(), PackLanguage.EN);
             PDDocument document = Loader.loadPDF(Files.readAllBytes(pack.file()))) {
            byte[] json = document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()
                    .get("pack-data.json").getEmbeddedFile().toByteArray();
            for (JsonNode check : new ObjectMapper().readTree(json).get("certification")) {
                fromPack.add(check.get("check").asText() + " " + check.get("result").asText() + " "
                        + check.get("reason").asText());
            }
        }
        assertThat(certified.checks()).extracting(check -> check.check().name() + " "
                + (check.passed() ? "PASS" : "FAIL") + " " + check.reasonKey()).containsExactlyElementsOf(fromPack);
        assertThat(downloads(services)).isEqualTo(downloads + 1);
    }

    @Test
    void theCertificationHasThePacksVisibilityAndRoles() {
        GrantsServices services = fixtures.services(new EvidenceStorage(evidenceRoot, 10_000_000));
        Scheme scheme = fixtures.scheme(manager, "10000.00", "5000.00");
        Award award = fixtures.award(manager, scheme, fixtures.cardiff(), "3000.00");

        assertThatThrownBy(() -> services.packs().certification(fixtures.recipient(fixtures.swansea()), award.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> services.packs().certification(cardiff, award.id()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> services.packs().certification(fixtures.actor(Role.ADMIN), award.id()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(services.packs().certification(manager, award.id()).checks())
                .hasSize(CertificationCheck.values().length);
    }

    @Test
    void anAwardsChainComesWithItsPositionsAndHashesForThoseWhoMaySeeTheAward() {
        GrantsServices services = fixtures.services(new EvidenceStorage(evidenceRoot, 10_000_000));
        Scheme scheme = fixtures.scheme(manager, "10000.00", "5000.00");
        Award award = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "3000.00", cardiff);

        Page<ChainedEvent> first = services.auditTrail().chainForAward(auditor, award.id(), Page.Request.of(2, 0L));
        Page<ChainedEvent> rest = services.auditTrail().chainForAward(cardiff, award.id(), Page.Request.of(2, 2L));

        assertThat(first.total()).isEqualTo(3);
        assertThat(first.items()).extracting(ChainedEvent::chainPosition).containsExactly(1L, 2L);
        assertThat(first.items()).extracting(ChainedEvent::action).containsExactly("AWARD_CREATED", "AWARD_OFFERED");
        assertThat(rest.items()).extracting(ChainedEvent::chainPosition).containsExactly(3L);
        assertThat(first.items().get(1).previousHash()).isEqualTo(first.items().get(0).hash());
        assertThatThrownBy(() -> services.auditTrail().chainForAward(fixtures.recipient(fixtures.swansea()),
                award.id(), Page.Request.of(2, 0L))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theWholeTrailsVerificationIsForAuditorsAndAdministrators() {
        GrantsServices services = fixtures.services(new EvidenceStorage(evidenceRoot, 10_000_000));

        assertThat(services.verifier().verifyAll(auditor).valid()).isTrue();
        assertThat(services.verifier().verifyAll(fixtures.actor(Role.ADMIN)).valid()).isTrue();
        for (Actor other : List.of(manager, fixtures.actor(Role.FINANCE_OFFICER), cardiff)) {
            assertThatThrownBy(() -> services.verifier().verifyAll(other))
                    .isInstanceOf(PermissionDeniedException.class);
        }
        assertThatThrownBy(() -> AwardService.requireCreator(auditor)).isInstanceOf(PermissionDeniedException.class);
    }

    private long downloads(GrantsServices services) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM audit_events WHERE action = 'AUDIT_PACK_DOWNLOADED'").mapTo(Long.class).one());
    }
}
