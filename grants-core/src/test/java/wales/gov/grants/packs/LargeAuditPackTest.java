package wales.gov.grants.packs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.awards.Award;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.schemes.NewScheme;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.BulkClaims;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.wiring.GrantsServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The small version of the scale benchmark (benchmarks/audit-pack/big-award.sh): packs of awards with hundreds of
 * claims and thousands of events hold every claim and event, in order and chained. What they cost in time and memory
 * is the benchmark's to measure, not a test's.
 */
class LargeAuditPackTest {
    private static final int CLAIMS = 300;

    private final TestClock clock = new TestClock();
    private final Fixtures fixtures = Fixtures.onTestDatabase(clock);
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor auditor = fixtures.actor(Role.AUDITOR);
    private final Actor firstOfficer = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor secondOfficer = fixtures.actor(Role.FINANCE_OFFICER);

    @TempDir
    Path evidenceRoot;

    @Test
    void anAwardPackOfHundredsOfClaimsHoldsEveryClaimAndEveryEventChained() throws Exception {
        EvidenceStorage storage = new EvidenceStorage(evidenceRoot, 10_000_000);
        GrantsServices services = fixtures.services(storage);
        BulkClaims bulk = new BulkClaims(fixtures.jdbi(), clock, storage);
        Scheme scheme = scheme(services, CLAIMS);
        Award award = award(scheme, fixtures.cardiff(), CLAIMS);
        BulkClaims.Filled filled = bulk.fill(services, award, people(fixtures.cardiff()), CLAIMS);
        assertThat(filled.events()).isGreaterThan(4L * CLAIMS);

        byte[] pack = bytes(services.packs().awardPack(auditor, award.id(), PackLanguage.EN));
        JsonNode data = packData(pack);
        assertThat(ids(data.get("claims"))).hasSize(CLAIMS).containsExactlyInAnyOrderElementsOf(claimIds(award));
        assertThat(data.get("evidence")).hasSize(filled.evidence());
        assertThat(data.get("certification")).allSatisfy(check -> assertThat(check.get("result").asText())
                .as(check.toString()).isEqualTo("PASS"));
        JsonNode events = data.get("events");
        assertThat((long) events.size()).isEqualTo(filled.events() + 3 + 1); // the lifecycle and the outcome report
        assertChained(events);
        assertThat(data.get("checkpoint").get("headHash").asText())
                .isEqualTo(events.get(events.size() - 1).get("hash").asText());
        // a page holds a few claims, the trail about 40 events and each evidence file a row of the index
        try (PDDocument document = Loader.loadPDF(pack)) {
            assertThat(document.getNumberOfPages()).isBetween(CLAIMS / 5, CLAIMS);
            assertThat(document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames())
                    .hasSize(filled.evidence() + 1);
        }
    }

    @Test
    void aSchemePackOfManyAwardsHoldsEachAwardsClaimsAndEventsInTurn() throws Exception {
        EvidenceStorage storage = new EvidenceStorage(evidenceRoot, 10_000_000);
        GrantsServices services = fixtures.services(storage);
        BulkClaims bulk = new BulkClaims(fixtures.jdbi(), clock, storage);
        List<Organisation> organisations = List.of(fixtures.cardiff(), fixtures.swansea(),
                fixtures.organisation("W06000001"));
        int claims = 40;
        Scheme scheme = scheme(services, claims * organisations.size());
        for (Organisation organisation : organisations) {
            bulk.fill(services, award(scheme, organisation, claims), people(organisation), claims);
        }

        byte[] pack = bytes(services.packs().schemePack(auditor, scheme.id(), PackLanguage.CY));
        JsonNode data = packData(pack);
        assertThat(data.get("awards")).hasSize(organisations.size());
        Set<String> seen = new HashSet<>();
        for (JsonNode award : data.get("awards")) {
            assertThat(award.get("claims")).hasSize(claims);
            assertThat(seen.add(award.get("award").get("id").asText())).isTrue();
            assertThat(award.get("events").size()).isGreaterThan(4 * claims);
            assertChained(award.get("events"));
            assertThat(award.get("certification")).allSatisfy(check -> assertThat(check.get("result").asText())
                    .as(check.toString()).isEqualTo("PASS"));
        }
    }

    private Scheme scheme(GrantsServices services, int claims) {
        return services.schemes().create(manager, new NewScheme(Fixtures.unique("BIG").toUpperCase()
                .replaceAll("[^A-Z0-9]", ""), "St David's Day Fund", "Cronfa Dydd Gŵyl Dewi", "2019-20",
                BulkClaims.awardAmountFor(claims), "500.00"));
    }

    private Award award(Scheme scheme, Organisation organisation, int claims) {
        return fixtures.activeAward(manager, scheme, organisation, BulkClaims.awardAmountFor(claims),
                fixtures.recipient(organisation));
    }

    private BulkClaims.People people(Organisation organisation) {
        return new BulkClaims.People(fixtures.recipient(organisation), firstOfficer, secondOfficer);
    }

    private List<String> claimIds(Award award) {
        return fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT id::text FROM claims WHERE award_id = :award")
                .bind("award", award.id().value()).mapTo(String.class).list());
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new java.util.ArrayList<>();
        array.forEach(node -> ids.add(node.get("id").asText()));
        return ids;
    }

    private static void assertChained(JsonNode events) {
        String previous = null;
        long position = 0;
        for (JsonNode event : events) {
            assertThat(event.get("chainPosition").asLong()).isEqualTo(++position);
            assertThat(sha256(event.get("canonical").asText().getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(event.get("hash").asText());
            if (previous != null) {
                assertThat(event.get("previousHash").asText()).isEqualTo(previous);
            }
            previous = event.get("hash").asText();
        }
    }

    private static byte[] bytes(AuditPackService.Pack pack) throws IOException {
        try (pack) {
            return Files.readAllBytes(pack.file());
        }
    }

    private static JsonNode packData(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new ObjectMapper().readTree(document.getDocumentCatalog().getNames().getEmbeddedFiles()
                    .getNames().get("pack-data.json").getEmbeddedFile().toByteArray());
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
