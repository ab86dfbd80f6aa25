package wales.gov.grants.packs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.ApprovalRequest;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimTransition;
import wales.gov.grants.delegations.NewDelegation;
import wales.gov.grants.evidence.EvidenceService;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.SampleFiles;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.wiring.GrantsServices;

import static org.assertj.core.api.Assertions.assertThat;

/** The double-funding checks of a pack, and approvals under a delegation as the pack shows them. */
class ControlsPackTest {
    private final TestClock clock = new TestClock();
    private final Fixtures fixtures = Fixtures.onTestDatabase(clock);
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor away = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor deputy = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor auditor = fixtures.actor(Role.AUDITOR);
    private final Actor cardiff = fixtures.recipient(fixtures.cardiff());
    private final Actor swansea = fixtures.recipient(fixtures.swansea());

    @TempDir
    Path evidenceRoot;

    @Test
    void aSharedFileFailsTheFirstCheckAndTheAcknowledgementPassesTheSecondUntilANewFindingArrives()
            throws Exception {
        GrantsServices services = fixtures.services(new EvidenceStorage(evidenceRoot, 10_000_000));
        Scheme scheme = fixtures.scheme(manager, "10000.00", "5000.00");
        Award award = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "1000.00", cardiff);
        Award other = fixtures.activeAward(manager, scheme, fixtures.swansea(), "1000.00", swansea);
        Award third = fixtures.activeAward(manager, scheme, fixtures.swansea(), "1000.00", swansea);
        byte[] invoice = SampleFiles.utf8("Invoice " + Fixtures.unique("pack"));
        Claim claim = fixtures.draftClaim(cardiff, award, 0, "100.00");
        upload(services, cardiff, award, claim, invoice);
        upload(services, swansea, other, fixtures.draftClaim(swansea, other, 0, "100.00"), invoice);
        services.claims().transition(cardiff, claim.id(), ClaimTransition.SUBMIT, null);
        services.delegations().create(away, new NewDelegation(deputy.userId().toString(), clock.today().toString(),
                clock.today().toString(), "Annual leave"));
        services.claims().approve(deputy, claim.id(), new ApprovalRequest(true,
                "Swansea's invoice is a copy sent for information", away.userId().toString()));

        byte[] pack = pack(services, award, PackLanguage.EN);
        Map<String, String> results = results(pack);
        assertThat(results).hasSize(CertificationCheck.values().length)
                .containsEntry("NO_EVIDENCE_UNDER_TWO_AWARDS", "FAIL")
                .containsEntry("EVERY_WARNING_ACKNOWLEDGED", "PASS")
                .containsEntry("NO_APPROVAL_BY_SUBMITTER_OR_OFFERER", "PASS");
        String english = text(pack);
        // a table cell's lines interleave with its neighbours' in the extracted text: compare what stays together
        assertThat(english).contains("No evidence supports claims under two", "Approved by",
                deputy.username() + " on behalf of " + away.username(),
                "Warnings acknowledged: Swansea's invoice is a copy sent for information");
        String welsh = text(pack(services, award, PackLanguage.CY));
        assertThat(welsh).contains("Cymeradwywyd gan", deputy.username() + " ar ran " + away.username(),
                "Nid oes tystiolaeth yn");

        // the same file under a third award after the approval: a finding nobody acknowledged
        upload(services, swansea, third, fixtures.draftClaim(swansea, third, 0, "100.00"), invoice);
        assertThat(results(pack(services, award, PackLanguage.EN)))
                .containsEntry("EVERY_WARNING_ACKNOWLEDGED", "FAIL");
    }

    @Test
    void anAwardWithoutSharedFilesPassesBothChecks() throws Exception {
        GrantsServices services = fixtures.services(new EvidenceStorage(evidenceRoot, 10_000_000));
        Scheme scheme = fixtures.scheme(manager, "10000.00", "5000.00");
        Award award = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "1000.00", cardiff);
        Claim claim = fixtures.draftClaim(cardiff, award, 0, "100.00");
        upload(services, cardiff, award, claim, SampleFiles.utf8("Invoice " + Fixtures.unique("own")));
        services.claims().transition(cardiff, claim.id(), ClaimTransition.SUBMIT, null);
        services.claims().approve(away, claim.id(), ApprovalRequest.PLAIN);
        assertThat(results(pack(services, award, PackLanguage.EN)))
                .containsEntry("NO_EVIDENCE_UNDER_TWO_AWARDS", "PASS")
                .containsEntry("EVERY_WARNING_ACKNOWLEDGED", "PASS");
    }

    private static void upload(GrantsServices services, Actor recipient, Award award, Claim claim, byte[] content) {
        EvidenceService evidence = services.evidence();
        evidence.upload(recipient, award.id(), evidence.stage(new ByteArrayInputStream(content)),
                new EvidenceService.NewEvidence("invoice.txt", "Invoice", claim.id().toString(), null), null);
    }

    private byte[] pack(GrantsServices services, Award award, PackLanguage language) throws IOException {
        try (AuditPackService.Pack pack = services.packs().awardPack(auditor, award.id(), language)) {
            return Files.readAllBytes(pack.file());
        }
    }

    private static Map<String, String> results(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            byte[] json = document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().get("pack-data.json")
                    .getEmbeddedFile().toByteArray();
            JsonNode data = new ObjectMapper().readTree(json);
            Map<String, String> results = new HashMap<>();
            data.get("certification").forEach(check -> results.put(check.get("check").asText(),
                    check.get("result").asText()));
            return results;
        }
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }
}
