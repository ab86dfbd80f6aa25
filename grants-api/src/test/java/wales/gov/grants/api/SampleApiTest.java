package wales.gov.grants.api;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Download;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.api.multipart.MultipartBody;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.SampleFiles;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/** Audit samples over HTTP: drawing, reading back, the pack, and every kind of bad request. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SampleApiTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);

    private final Fixtures fixtures = ApiTestSupport.fixtures(CLOCK);
    private final User auditorUser = fixtures.user(Role.AUDITOR, null);
    private final User cardiffUser = fixtures.user(Role.RECIPIENT, fixtures.cardiff());
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor finance = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor cardiff = cardiffUser.asActor();
    private final Actor swansea = fixtures.recipient(fixtures.swansea());

    /** A scheme with eight approved lines across two organisations, and an invoice uploaded for the £700 line. */
    private Scheme scheme() {
        Scheme scheme = fixtures.scheme(manager, "100000.00", "50000.00");
        Award cardiffAward = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "5000.00", cardiff);
        Award swanseaAward = fixtures.activeAward(manager, scheme, fixtures.swansea(), "5000.00", swansea);
        fixtures.approvedClaim(cardiff, finance, cardiffAward, 0, "10.00", "20.00", "30.00");
        Claim large = fixtures.approvedClaim(cardiff, finance, cardiffAward, 30, "700.00");
        fixtures.approvedClaim(swansea, finance, swanseaAward, 0, "15.00", "25.00", "35.00", "45.00");
        Reply uploaded = Caller.as(APP, cardiffUser).upload("/api/v1/awards/" + cardiffAward.id() + "/evidence",
                MultipartBody.create().field("title", "Anfoneb £700").field("claimId", large.id().toString())
                        .file("anfoneb-ŵyl.pdf", "application/pdf", SampleFiles.pdf()).build());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        return scheme;
    }

    private static String path(Scheme scheme) {
        return "/api/v1/schemes/" + scheme.id() + "/samples";
    }

    private static List<String> lines(JsonNode sample) {
        List<String> keys = new ArrayList<>();
        sample.get("lines").forEach(line -> keys.add(line.get("claim").get("id").asText() + "/"
                + line.get("position").asInt()));
        return keys;
    }

    @Test
    void anAuditorDrawsASampleTheSameSeedGivesItAgainAndAnotherSeedAnother() {
        Scheme scheme = scheme();
        Caller auditor = Caller.as(APP, auditorUser);
        Reply created = auditor.post(path(scheme), "{\"size\": 3, \"seed\": \"1234567890123456789\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode sample = created.json();
        assertThat(created.location()).endsWith("/api/v1/samples/" + sample.get("id").asText());
        assertThat(sample.get("seed").asText()).isEqualTo("1234567890123456789");
        assertThat(sample.get("seedGiven").asBoolean()).isTrue();
        assertThat(sample.get("method").asText()).isEqualTo("mus-systematic/1");
        assertThat(sample.get("size").asInt()).isEqualTo(3);
        assertThat(sample.get("populationLines").asInt()).isEqualTo(8);
        assertThat(sample.get("populationValue").asText()).isEqualTo("880.00");
        assertThat(sample.get("samplingInterval").asText()).isEqualTo("293.33");
        assertThat(sample.get("dataDigest").asText()).matches("[0-9a-f]{64}");
        assertThat(sample.get("checkpoint").get("sequence").asLong()).isPositive();
        assertThat(sample.get("checkpoint").get("digest").asText()).matches("[0-9a-f]{64}");
        assertThat(sample.get("drawnBy").asText()).isEqualTo(auditorUser.username());
        // £700 is over two intervals of £293.33: certain, with two or three of the pennies
        JsonNode large = null;
        for (JsonNode line : sample.get("lines")) {
            if (line.get("amount").asText().equals("700.00")) {
                large = line;
            }
        }
        assertThat(large).as(sample.toString()).isNotNull();
        assertThat(large.get("certain").asBoolean()).isTrue();
        assertThat(large.get("hits").asInt()).isBetween(2, 3);
        assertThat(sample.get("linesSelected").asInt()).isEqualTo(1 + 3 - large.get("hits").asInt());
        assertThat(large.get("organisation").get("code").asText()).isEqualTo("W06000015");
        assertThat(large.get("organisation").get("nameCy").asText()).isEqualTo("Cyngor Caerdydd");
        assertThat(large.get("award").get("amount").asText()).isEqualTo("5000.00");
        assertThat(large.get("claim").get("status").asText()).isEqualTo("APPROVED");
        JsonNode invoice = large.get("evidence").get(0);
        assertThat(invoice.get("filename").asText()).isEqualTo("anfoneb-ŵyl.pdf");
        assertThat(invoice.get("sha256").asText()).isEqualTo(sha256(SampleFiles.pdf()));

        Reply read = auditor.get(created.location().substring(created.location().indexOf("/api/")));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(sample);

        Reply again = auditor.post(path(scheme), "{\"size\": 3, \"seed\": 1234567890123456789}");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("id").asText()).isNotEqualTo(sample.get("id").asText());
        assertThat(lines(again.json())).isEqualTo(lines(sample));
        assertThat(again.json().get("dataDigest")).isEqualTo(sample.get("dataDigest"));

        Reply other = auditor.post(path(scheme), "{\"size\": 3, \"seed\": 1}");
        assertThat(other.json().get("randomStart").asLong()).isNotEqualTo(sample.get("randomStart").asLong());

        Reply random = auditor.post(path(scheme), "{\"size\": 3}");
        assertThat(random.status()).isEqualTo(201);
        assertThat(random.json().get("seedGiven").asBoolean()).isFalse();
        Reply redrawn = auditor.post(path(scheme), "{\"size\": 3, \"seed\": \"" + random.json().get("seed").asText()
                + "\"}");
        assertThat(lines(redrawn.json())).isEqualTo(lines(random.json()));
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheSameSampleAndAnotherBodyIsRefused() {
        Scheme scheme = scheme();
        Caller auditor = Caller.as(APP, auditorUser);
        String key = UUID.randomUUID().toString();
        Reply first = auditor.post(path(scheme), "{\"size\": 2}", key);
        Reply retry = auditor.post(path(scheme), "{\"size\": 2}", key);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(auditor.post(path(scheme), "{\"size\": 3}", key).status()).isEqualTo(422);
    }

    @Test
    void badRequestsGetClearProblemsNamingTheField() {
        Scheme scheme = scheme();
        Caller auditor = Caller.as(APP, auditorUser);
        assertProblem(auditor.post(path(scheme), "{\"size\": 0, \"seed\": 1}"), 422, "size");
        assertProblem(auditor.post(path(scheme), "{\"size\": -5}"), 422, "size");
        assertProblem(auditor.post(path(scheme), "{\"size\": 2.5}"), 422, "size");
        assertProblem(auditor.post(path(scheme), "{\"size\": \"3\"}"), 422, "size");
        assertProblem(auditor.post(path(scheme), "{\"seed\": 3}"), 422, "size");
        assertProblem(auditor.post(path(scheme), "{\"size\": 9}"), 422, "size");
        assertProblem(auditor.post(path(scheme), "{\"size\": 1" + "0".repeat(30) + "}"), 422, "size");
        assertProblem(auditor.post(path(scheme), "{\"size\": 2, \"seed\": \"abc\"}"), 422, "seed");
        assertProblem(auditor.post(path(scheme), "{\"size\": 2, \"seed\": 1.5}"), 422, "seed");
        assertProblem(auditor.post(path(scheme), "{\"size\": 2, \"seed\": 99999999999999999999}"), 422, "seed");
        assertProblem(auditor.post(path(scheme), "{\"size\": 2, \"seed\": \"-9223372036854775809\"}"), 422, "seed");
        assertProblem(auditor.post(path(scheme), "{\"size\": 2, \"seed\": \"1\\u0000\"}"), 422, "seed");
        assertProblem(auditor.post(path(scheme), "{\"size\": 2, \"seed\": [1]}"), 422, "seed");
        assertProblem(auditor.post(path(scheme), "{\"size\": 2, \"weight\": 1}"), 422, "weight");
        assertProblem(auditor.post(path(scheme), "{\"size\": 2, \"size\": 3}"), 400, "size");
        assertProblem(auditor.post(path(scheme), "{\"size\": "), 400, null);
        assertProblem(auditor.post(path(scheme), "{\"size\": " + "9".repeat(5_000) + "}"), 400, null);
        // a body over the limit (2 MiB) is refused before it is read, for every path (BadInputApiTest)
        assertProblem(auditor.post(path(scheme), "{\"size\": 2, \"seed\": \"" + "7".repeat(100_000) + "\"}"), 422,
                "seed");
        Reply both = auditor.post(path(scheme), "{\"size\": 0, \"seed\": \"x\"}");
        assertThat(both.json().get("errors")).hasSize(2);
        Reply tooMany = auditor.post(path(scheme), "{\"size\": 9}");
        assertThat(tooMany.json().get("errors").get(0).get("message").asText())
                .isEqualTo("must be at most the number of approved claim lines (8)");

        assertProblem(auditor.post("/api/v1/schemes/" + UUID.randomUUID() + "/samples", "{\"size\": 1}"), 404, null);
        assertProblem(auditor.post("/api/v1/schemes/not-a-scheme/samples", "{\"size\": 1}"), 404, null);
        Scheme empty = fixtures.scheme(manager, "1000.00", "500.00");
        Reply none = auditor.post(path(empty), "{\"size\": 1}");
        assertProblem(none, 422, null);
        assertThat(none.json().get("detail").asText()).contains("no approved claim lines");

        assertProblem(auditor.get("/api/v1/samples/" + UUID.randomUUID()), 404, null);
        assertProblem(auditor.get("/api/v1/samples/not-a-sample"), 404, null);
        String sample = auditor.post(path(scheme), "{\"size\": 1}").json().get("id").asText();
        assertProblem(auditor.get("/api/v1/samples/" + sample + "/pack?lang=fr"), 422, "lang");
        assertProblem(auditor.get("/api/v1/samples/" + UUID.randomUUID() + "/pack"), 404, null);
        assertProblem(Caller.as(APP, cardiffUser).get("/api/v1/samples/" + sample), 403, null);
        assertProblem(Caller.as(APP, cardiffUser).post(path(scheme), "{\"size\": 1}"), 403, null);
    }

    @Test
    void thePackDownloadsWholeTheSameTwiceWithTheEvidenceAttachedAndIsAudited() throws Exception {
        Scheme scheme = scheme();
        Caller auditor = Caller.as(APP, auditorUser);
        String sample = auditor.post(path(scheme), "{\"size\": 3, \"seed\": 7}").json().get("id").asText();
        String pack = "/api/v1/samples/" + sample + "/pack?lang=cy";
        Download first = auditor.download(pack, null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(Long.parseLong(first.header("Content-Length"))).isEqualTo(first.body().length);
        assertThat(first.header("ETag")).isEqualTo("\"" + sha256(first.body()) + "\"");
        assertThat(first.header("Content-Disposition")).startsWith("attachment; filename=\"audit-sample-")
                .endsWith("-cy.pdf\"");
        try (PDDocument document = Loader.loadPDF(first.body())) {
            assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", " "))
                    .contains("Sampl archwilio", "Heb newid ers tynnu'r sampl", "Anfoneb £700", "Tudalen 1 o");
            assertThat(new PDDocumentNameDictionary(document.getDocumentCatalog()).getEmbeddedFiles().getNames()
                    .keySet()).contains("sample.json").anySatisfy(name -> assertThat(name).endsWith("-anfoneb-ŵyl.pdf"));
        }
        assertThat(auditor.download(pack, null).body()).isEqualTo(first.body());
        Long downloads = fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM audit_events
                        WHERE action = 'SAMPLE_PACK_DOWNLOADED' AND object_id = :id AND details ->> 'sha256' = :sha256""")
                .bind("id", sample).bind("sha256", sha256(first.body())).mapTo(Long.class).one());
        assertThat(downloads).isEqualTo(2);
        Reply trail = auditor.get("/api/v1/audit/verify");
        assertThat(trail.json().get("valid").asBoolean()).isTrue();
    }

    private static void assertProblem(Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(reply.body()).doesNotContain("Exception", "\tat ");
        if (field != null) {
            assertThat(reply.json().get("errors")).as(reply.body())
                    .anySatisfy(error -> assertThat(error.get("field").asText()).isEqualTo(field));
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
