package wales.gov.grants.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Download;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.demo.DemoData;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.testing.TestDatabase;
import wales.gov.grants.users.PasswordHasher;
import wales.gov.grants.wiring.GrantsServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo: the three programmes with their published budgets, real organisations, demo users, and one award in each
 * programme with a year's story whose audit pack passes every certification check.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DemoModeApiTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP =
            ApiTestSupport.application(CLOCK, ConfigOverride.config("mode", "DEMO"));

    @Test
    void theManagerSeesTheThreeProgrammesWithTheirRealBudgets() {
        Reply reply = Caller.basic(APP, "manager", "demo-password").get("/api/v1/schemes?financialYear=2019-20");
        assertThat(reply.status()).isEqualTo(200);
        Map<String, JsonNode> byCode = new HashMap<>();
        reply.json().get("items").forEach(scheme -> byCode.put(scheme.get("code").asText(), scheme));
        assertThat(byCode.get("PDG-LAC").get("budget").asText()).isEqualTo("5000000.00");
        assertThat(byCode.get("ADOPT").get("budget").asText()).isEqualTo("2300000.00");
        assertThat(byCode.get("SDDF").get("budget").asText()).isEqualTo("2000000.00");
        assertThat(byCode.get("SDDF").get("nameCy").asText()).isEqualTo("Cronfa Dydd Gŵyl Dewi");
        for (JsonNode scheme : byCode.values()) {
            assertThat(new java.math.BigDecimal(scheme.get("allocated").asText()))
                    .isLessThanOrEqualTo(new java.math.BigDecimal(scheme.get("budget").asText()));
        }
    }

    @Test
    void everyDemoUserSignsInWithTheDemoPassword() {
        for (String user : new String[] {"admin", "manager", "finance1", "finance2", "auditor", "cardiff", "swansea",
                "gwe", "vvc"}) {
            assertThat(Caller.basic(APP, user, "demo-password").get("/api/v1/organisations").status())
                    .as(user).isEqualTo(200);
        }
        assertThat(Caller.basic(APP, "cardiff", "wrong-password").get("/api/v1/organisations").status())
                .isEqualTo(401);
    }

    @Test
    void cardiffHasAnActiveStDavidsDayFundAwardAndSeesNothingElse() {
        JsonNode awards = Caller.basic(APP, "cardiff", "demo-password").get("/api/v1/awards").json();
        assertThat(awards.get("total").asInt()).isGreaterThanOrEqualTo(1);
        awards.get("items").forEach(award -> assertThat(award.get("organisationId").asText())
                .isEqualTo(awards.get("items").get(0).get("organisationId").asText()));
        assertThat(awards.get("items").findValuesAsText("status")).contains("ACTIVE");
    }

    @Test
    void theOpenApiDescriptionCoversTheApi() {
        Reply reply = Caller.anonymous(APP).get("/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode paths = reply.json().get("paths");
        assertThat(paths.has("/api/v1/schemes")).isTrue();
        assertThat(paths.has("/api/v1/awards")).isTrue();
        assertThat(paths.has("/api/v1/awards/{id}/accept")).isTrue();
        assertThat(paths.has("/api/v1/organisations")).isTrue();
        assertThat(paths.has("/api/v1/tokens")).isTrue();
        assertThat(reply.json().get("components").get("securitySchemes").has("basic")).isTrue();
    }

    @Test
    void eachProgrammesStoryAwardHasAnAuditPackInEnglishAndWelshThatPassesEveryCheck() throws IOException {
        Caller auditor = Caller.basic(APP, "auditor", "demo-password");
        for (DemoData.StoryAward story : DemoData.STORY_AWARDS) {
            String awardId = storyAwardId(auditor, story);
            Download english = auditor.download("/api/v1/awards/" + awardId + "/audit-pack?lang=en", null);
            Download welsh = auditor.download("/api/v1/awards/" + awardId + "/audit-pack?lang=cy", null);
            for (Download pack : List.of(english, welsh)) {
                assertThat(pack.status()).as(story.description() + ": " + new String(pack.body(),
                        StandardCharsets.UTF_8)).isEqualTo(200);
                assertThat(pack.header("Content-Type")).startsWith("application/pdf");
            }

            JsonNode data = packData(english.body());
            assertThat(data.get("certification")).as(story.description())
                    .hasSize(wales.gov.grants.packs.CertificationCheck.values().length)
                    .allSatisfy(check -> assertThat(check.get("result").asText()).as(check.toString())
                            .isEqualTo("PASS"));
            assertThat(packData(welsh.body()).get("certification"))
                    .allSatisfy(check -> assertThat(check.get("result").asText()).isEqualTo("PASS"));
            assertTheStoryIsComplete(story, data);

            String cymraeg = text(welsh.body());
            assertThat(cymraeg).contains("Gwiriadau ardystio", "PASIO").doesNotContain("METHU");
            assertThat(text(english.body())).contains("Certification checks", "Outcomes against targets")
                    .doesNotContain("FAIL");
        }
    }

    /** Claims approved, paid, queried, rejected and dually approved; a recovery received; evidence; outcomes. */
    private static void assertTheStoryIsComplete(DemoData.StoryAward story, JsonNode data) {
        JsonNode claims = data.get("claims");
        assertThat(claims.findValuesAsText("status")).as(story.description())
                .containsExactlyInAnyOrder("PAID", "PAID", "PAID", "REJECTED");
        assertThat(claims.findValuesAsText("action")).contains("CLAIM_QUERIED", "CLAIM_FIRST_APPROVAL",
                "CLAIM_APPROVED", "CLAIM_REJECTED");
        assertThat(data.get("recoveries")).hasSize(1);
        JsonNode recovery = data.get("recoveries").get(0);
        assertThat(recovery.get("received").asText()).isEqualTo(recovery.get("amount").asText());
        assertThat(data.get("evidence").findValuesAsText("mediaType")).contains("application/pdf", "text/csv");
        assertThat(data.get("outcomes").get(0).get("reports")).hasSize(3);

        LocalDate firstDay = LocalDate.of(2019, 4, 1);
        LocalDate lastDay = LocalDate.of(2020, 3, 31);
        for (String date : claims.findValuesAsText("paidOn")) {
            assertThat(LocalDate.parse(date)).isBetween(firstDay, lastDay);
        }
        String acceptedAt = data.get("award").get("acceptedAt").asText();
        assertThat(acceptedAt).startsWith("2019-04-");
        for (JsonNode claim : claims) {
            String previous = acceptedAt;
            for (JsonNode decision : claim.get("decisions")) {
                String at = decision.get("at").asText();
                assertThat(LocalDate.parse(at.substring(0, 10))).isBetween(firstDay, lastDay);
                assertThat(Instant.parse(at)).as("in the order they happened").isAfter(Instant.parse(previous));
                previous = at;
            }
        }
        assertThat(recovery.get("receipts").get(0).get("receivedOn").asText()).startsWith("2020-03-");
    }

    @Test
    void loadingTheDemoAgainAddsNothing() {
        Map<String, Long> before = counts();
        Path evidence = Path.of(System.getenv().getOrDefault("GRANTS_TEST_DATA_DIR", "target"), "evidence");
        DemoData again = new DemoData(TestDatabase.get().jdbi(), new PasswordHasher(4),
                (Clock clock) -> GrantsServices.build(TestDatabase.get().jdbi(), clock,
                        new EvidenceStorage(evidence, 10_000_000), new GrantsServices.SignIn(4, Duration.ofHours(1),
                                Duration.ofMinutes(1), Duration.ofMinutes(15), 10, 50, true),
                        ApiTestSupport.signingKey(), new AuditPackService.Settings(1_000_000,
                                Path.of("target", "demo-packs"))));
        again.load();
        assertThat(counts()).isEqualTo(before);
        assertThat(again.storyAwardIds()).hasSize(DemoData.STORY_AWARDS.size());
    }

    private static Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        for (String table : List.of("schemes", "awards", "claims", "payments", "recoveries", "evidence",
                "outcome_reports", "users")) {
            counts.put(table, TestDatabase.get().jdbi().withHandle(handle -> handle
                    .createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one()));
        }
        return counts;
    }

    private static String storyAwardId(Caller caller, DemoData.StoryAward story) {
        String schemeId = null;
        for (JsonNode scheme : caller.get("/api/v1/schemes?financialYear=2019-20&limit=100").json().get("items")) {
            if (scheme.get("code").asText().equals(story.schemeCode())) {
                schemeId = scheme.get("id").asText();
            }
        }
        String organisationId = null;
        for (JsonNode organisation : caller.get("/api/v1/organisations?limit=100").json().get("items")) {
            if (organisation.get("code").asText().equals(story.organisationCode())) {
                organisationId = organisation.get("id").asText();
            }
        }
        JsonNode awards = caller.get("/api/v1/awards?schemeId=" + schemeId + "&organisationId=" + organisationId)
                .json();
        assertThat(awards.get("total").asInt()).as(story.description()).isEqualTo(1);
        return awards.get("items").get(0).get("id").asText();
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    private static JsonNode packData(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDComplexFileSpecification file = document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()
                    .get("pack-data.json");
            return new ObjectMapper().readTree(file.getEmbeddedFile().toByteArray());
        }
    }
}
