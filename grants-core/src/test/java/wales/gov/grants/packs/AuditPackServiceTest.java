package wales.gov.grants.packs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.ValidationResult;
import wales.gov.grants.audit.ChainedEvent;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimTransition;
import wales.gov.grants.claims.NewAdjustment;
import wales.gov.grants.claims.NewPayment;
import wales.gov.grants.evidence.EvidenceService;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.outcomes.NewOutcomeReport;
import wales.gov.grants.recoveries.NewReceipt;
import wales.gov.grants.recoveries.Recovery;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.SampleFiles;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.wiring.GrantsServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditPackServiceTest {
    private static final PDFAFlavour PDF_A_3B = PDFAFlavour.fromString("3b");

    private final TestClock clock = new TestClock();
    private final Fixtures fixtures = Fixtures.onTestDatabase(clock);
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor finance1 = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor finance2 = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor auditor = fixtures.actor(Role.AUDITOR);
    private final Actor cardiff = fixtures.recipient(fixtures.cardiff());

    @TempDir
    Path evidenceRoot;

    @BeforeAll
    static void initialiseVeraPdf() {
        VeraGreenfieldFoundryProvider.initialise();
    }

    /** An award with a story: dual approval, a query answered, a rejection, payments, an adjustment and its recovery. */
    private Story story(GrantsServices services) {
        Scheme scheme = fixtures.scheme(manager, "100000.00", "500.00");
        Award award = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "10000.00", cardiff);
        Claim small = fixtures.approvedClaim(cardiff, finance1, award, 0, "120.00", "80.50");
        Claim large = fixtures.submittedClaim(cardiff, award, 30, "600.00");
        services.claims().transition(finance1, large.id(), ClaimTransition.QUERY, "Which schools received uniforms?");
        services.claims().transition(cardiff, large.id(), ClaimTransition.SUBMIT, null);
        services.claims().transition(finance1, large.id(), ClaimTransition.APPROVE, null);
        services.claims().transition(finance2, large.id(), ClaimTransition.APPROVE, null);
        Claim rejected = fixtures.submittedClaim(cardiff, award, 60, "50.00");
        services.claims().transition(finance2, rejected.id(), ClaimTransition.REJECT, "Outside the grant's purpose");
        clock.advance(Duration.ofDays(1));
        services.claims().pay(finance2, small.id(), new NewPayment("200.50", clock.today().toString(), "BACS-1"));
        services.claims().pay(finance2, large.id(), new NewPayment("600.00", clock.today().toString(), "BACS-2"));
        Recovery recovery = services.claims().adjust(finance1, large.id(),
                new NewAdjustment("100.00", "A receipt for £100 was a duplicate")).recovery();
        services.recoveries().receive(finance1, new wales.gov.grants.kernel.RecoveryId(recovery.id()),
                new NewReceipt("40.00", clock.today().toString(), "REFUND-1"));
        // each award's own invoice and return: the same file under another award is double funding, which a
        // pack certifies (and every story of these tests shares one database)
        String unique = Fixtures.unique("story");
        upload(services, award, small, "Invoice for uniforms", "invoice.pdf", new String(SampleFiles.pdf(),
                StandardCharsets.US_ASCII).replace("%PDF-1.4\n", "%PDF-1.4\n% " + unique + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        upload(services, award, large, "Spending return", "return.csv", SampleFiles.utf8(new String(SampleFiles.csv(),
                StandardCharsets.UTF_8) + "Reference " + unique + ",0,0.00\n"));
        services.outcomes().report(cardiff, award.id(), new NewOutcomeReport("care-leavers-supported", "2019-09-30",
                new BigDecimal("42"), "Ŵyl Dewi: mae'r ŷd yn tyfu"));
        return new Story(scheme, award);
    }

    private record Story(Scheme scheme, Award award) {
    }

    private void upload(GrantsServices services, Award award, Claim claim, String title, String filename,
                        byte[] content) {
        EvidenceService evidence = services.evidence();
        evidence.upload(cardiff, award.id(), evidence.stage(new ByteArrayInputStream(content)),
                new EvidenceService.NewEvidence(filename, title, claim.id().toString(), null), null);
    }

    @Test
    void aPackIsPdfA3bWithEverySectionInEnglishAndWelshAndTheSameDataGivesTheSameBytes() throws Exception {
        GrantsServices services = fixtures.services(new EvidenceStorage(evidenceRoot, 10_000_000));
        Story story = story(services);
        AuditPackService packs = services.packs();

        byte[] english = bytes(packs.awardPack(auditor, story.award().id(), PackLanguage.EN));
        byte[] again = bytes(packs.awardPack(finance1, story.award().id(), PackLanguage.EN));
        byte[] welsh = bytes(packs.awardPack(manager, story.award().id(), PackLanguage.CY));
        assertThat(sha256(again)).as("a download is recorded outside the award's chain").isEqualTo(sha256(english));

        ValidationResult result = validate(english);
        assertThat(result.isCompliant()).as(String.valueOf(result.getTestAssertions())).isTrue();
        assertThat(validate(welsh).isCompliant()).isTrue();

        String text = text(english);
        assertThat(text).contains("Certification checks", "The award", "Claims", "Payments and recoveries",
                "Outcomes against targets", "Evidence index", "Audit trail", "Page 1 of",
                "Which schools received uniforms?", "Outside the grant's purpose", "Finance officer", "BACS-2",
                "Ŵyl Dewi: mae'r ŷd yn tyfu", "1 April 2019");
        assertThat(text).doesNotContain("FAIL");
        String cymraeg = text(welsh);
        assertThat(cymraeg).contains("Gwiriadau ardystio", "Trywydd archwilio", "Tudalen 1 o", "1 Ebrill 2019",
                "PASIO", "Cyngor Caerdydd");

        JsonNode data = packData(english);
        assertThat(text.replace(" ", "")).contains(data.get("_sha256").asText());
        assertThat(data.get("award").get("id").asText()).isEqualTo(story.award().id().toString());
        assertThat(data.get("claims")).hasSize(3);
        assertThat(data.get("certification")).allSatisfy(check -> assertThat(check.get("result").asText())
                .as(check.toString()).isEqualTo("PASS"));
        JsonNode events = data.get("events");
        assertThat(events.size()).isGreaterThan(15);
        String previous = null;
        for (JsonNode event : events) {
            String canonical = event.get("canonical").asText();
            assertThat(sha256(canonical.getBytes(StandardCharsets.UTF_8))).isEqualTo(event.get("hash").asText());
            if (previous != null) {
                assertThat(event.get("previousHash").asText()).isEqualTo(previous);
            }
            previous = event.get("hash").asText();
        }
        assertThat(data.get("checkpoint").get("headHash").asText()).isEqualTo(previous);
        assertThat(Fixtures.signingKey().publicKey().verifies(data.get("checkpoint").get("signedMessage").asText()
                .getBytes(StandardCharsets.UTF_8), data.get("checkpoint").get("signature").asText())).isTrue();
        assertThat(packData(welsh).get("_sha256").asText()).as("the data does not depend on the language")
                .isEqualTo(data.get("_sha256").asText());

        long downloads = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM audit_events WHERE action = 'AUDIT_PACK_DOWNLOADED' AND object_id = :id"
                                + " AND chain_id = :chain")
                .bind("id", story.award().id().toString()).bind("chain", ChainedEvent.GLOBAL_CHAIN)
                .mapTo(Long.class).one());
        assertThat(downloads).isEqualTo(3);
    }

    @Test
    void aChangeToTheAwardGivesANewPackCitingANewCheckpoint() throws Exception {
        GrantsServices services = fixtures.services(new EvidenceStorage(evidenceRoot, 10_000_000));
        Story story = story(services);
        JsonNode before = packData(bytes(services.packs().awardPack(auditor, story.award().id(), PackLanguage.EN)));
        clock.advance(Duration.ofHours(1));
        fixtures.submittedClaim(cardiff, story.award(), 90, "10.00");
        JsonNode after = packData(bytes(services.packs().awardPack(auditor, story.award().id(), PackLanguage.EN)));
        assertThat(after.get("_sha256").asText()).isNotEqualTo(before.get("_sha256").asText());
        assertThat(after.get("checkpoint").get("sequence").asLong())
                .isGreaterThan(before.get("checkpoint").get("sequence").asLong());
        assertThat(after.get("events").size()).isEqualTo(before.get("events").size() + 2);
    }

    @Test
    void checksFailWithTheirReasonWhenTheDataBreaksARule() throws Exception {
        GrantsServices services = fixtures.services(new EvidenceStorage(evidenceRoot, 10_000_000));
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        Award award = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "500.00", cardiff);
        fixtures.approvedClaim(cardiff, finance1, award, 0, "100.00");
        byte[] pack = bytes(services.packs().awardPack(auditor, award.id(), PackLanguage.EN));
        Map<String, String> results = new java.util.HashMap<>();
        packData(pack).get("certification").forEach(check -> results.put(check.get("check").asText(),
                check.get("result").asText()));
        assertThat(results).containsEntry("EVIDENCE_FOR_EVERY_APPROVED_CLAIM", "FAIL")
                .containsEntry("OUTCOME_FOR_EVERY_TARGET", "FAIL")
                .containsEntry("NO_APPROVAL_BY_SUBMITTER_OR_OFFERER", "PASS")
                .containsEntry("AUDIT_CHAIN_VALID", "PASS");
        assertThat(text(pack)).contains("has no evidence", "No figure has been reported for: care-leavers-supported");
    }

    @Test
    void aRecipientIsRefusedItsOwnAwardsPackAndCannotTellAnotherOrganisationsAwardExists() {
        GrantsServices services = fixtures.services(new EvidenceStorage(evidenceRoot, 10_000_000));
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        Award award = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "500.00", cardiff);
        assertThatThrownBy(() -> services.packs().awardPack(cardiff, award.id(), PackLanguage.EN))
                .isInstanceOf(PermissionDeniedException.class);
        Actor swansea = fixtures.recipient(fixtures.swansea());
        assertThatThrownBy(() -> services.packs().awardPack(swansea, award.id(), PackLanguage.EN))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> services.packs().awardPack(fixtures.actor(Role.ADMIN), award.id(), PackLanguage.EN))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> services.packs().schemePack(cardiff, scheme.id(), PackLanguage.EN))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void aSchemePackHasEveryAwardAndItsOwnChecks() throws Exception {
        GrantsServices services = fixtures.services(new EvidenceStorage(evidenceRoot, 10_000_000));
        Story story = story(services);
        fixtures.activeAward(manager, story.scheme(), fixtures.swansea(), "2000.00",
                fixtures.recipient(fixtures.swansea()));
        byte[] pack = bytes(services.packs().schemePack(auditor, story.scheme().id(), PackLanguage.CY));
        assertThat(validate(pack).isCompliant()).isTrue();
        assertThat(text(pack)).contains("Dyfarniadau'r cynllun", "Cyngor Caerdydd", "Cyngor Abertawe");
        JsonNode data = packData(pack);
        assertThat(data.get("kind").asText()).isEqualTo("scheme");
        assertThat(data.get("awards")).hasSize(2);
        assertThat(sha256(bytes(services.packs().schemePack(auditor, story.scheme().id(), PackLanguage.CY))))
                .isEqualTo(sha256(pack));
    }

    private static byte[] bytes(AuditPackService.Pack pack) throws IOException {
        try (pack) {
            byte[] content = Files.readAllBytes(pack.file());
            assertThat(sha256(content)).isEqualTo(pack.sha256());
            assertThat((long) content.length).isEqualTo(pack.size());
            return content;
        }
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // lines wrap anywhere a table cell ends: compare words, not line breaks
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    /** The attached pack-data.json, with its SHA-256 added as {@code _sha256}. */
    private static JsonNode packData(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
            PDComplexFileSpecification file = names.getEmbeddedFiles().getNames().get("pack-data.json");
            byte[] json = file.getEmbeddedFile().toByteArray();
            com.fasterxml.jackson.databind.node.ObjectNode node =
                    (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(json);
            node.put("_sha256", sha256(json));
            return node;
        }
    }

    private static ValidationResult validate(byte[] pdf) throws Exception {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDF_A_3B);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(PDF_A_3B, false)) {
            return validator.validate(parser);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
