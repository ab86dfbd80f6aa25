package wales.gov.grants.api;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Download;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.awards.Award;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class AuditPackApiTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);

    private final Fixtures fixtures = ApiTestSupport.fixtures(CLOCK);
    private final User auditorUser = fixtures.user(Role.AUDITOR, null);
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor cardiff = fixtures.recipient(fixtures.cardiff());

    private Award activeAward() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        Award award = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "500.00", cardiff);
        fixtures.approvedClaim(cardiff, fixtures.actor(Role.FINANCE_OFFICER), award, 0, "120.00");
        return award;
    }

    @Test
    void aPackDownloadsWholeWithItsLengthDigestAndAFileNameAndTheSameDataGivesTheSameBytes() throws Exception {
        Award award = activeAward();
        String path = "/api/v1/awards/" + award.id() + "/audit-pack?lang=cy";
        Download first = Caller.as(APP, auditorUser).download(path, null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(Long.parseLong(first.header("Content-Length"))).isEqualTo(first.body().length);
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(first.body());
        assertThat(first.header("ETag")).isEqualTo("\"" + HexFormat.of().formatHex(sha256) + "\"");
        assertThat(first.header("Repr-Digest")).isEqualTo("sha-256=:" + Base64.getEncoder().encodeToString(sha256)
                + ":");
        assertThat(first.header("Content-Disposition")).startsWith("attachment; filename=\"audit-pack-")
                .endsWith("-cy.pdf\"");
        assertThat(new String(first.body(), 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).startsWith("%PDF-");
        try (PDDocument document = Loader.loadPDF(first.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Gwiriadau ardystio", "Tudalen 1 o");
        }
        Download second = Caller.as(APP, auditorUser).download(path, null);
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Test
    void badRequestsGetCleanProblemsAndNoPack() {
        Award award = activeAward();
        Caller auditor = Caller.as(APP, auditorUser);
        assertProblem(auditor.get("/api/v1/awards/" + award.id() + "/audit-pack?lang=fr"), 422, "lang");
        assertProblem(auditor.get("/api/v1/awards/" + award.id() + "/audit-pack?lang=%00"), 422, "lang");
        assertProblem(auditor.get("/api/v1/awards/" + UUID.randomUUID() + "/audit-pack"), 404, null);
        assertProblem(auditor.get("/api/v1/awards/not-an-id/audit-pack"), 404, null);
        assertProblem(auditor.get("/api/v1/schemes/" + UUID.randomUUID() + "/audit-pack?lang=en"), 404, null);
        assertProblem(Caller.anonymous(APP).get("/api/v1/awards/" + award.id() + "/audit-pack"), 401, null);
        User swansea = fixtures.user(Role.RECIPIENT, fixtures.swansea());
        assertProblem(Caller.as(APP, swansea).get("/api/v1/awards/" + award.id() + "/audit-pack"), 404, null);
        User own = fixtures.user(Role.RECIPIENT, fixtures.cardiff());
        assertProblem(Caller.as(APP, own).get("/api/v1/awards/" + award.id() + "/audit-pack"), 403, null);
    }

    @Test
    void eachDownloadIsAuditedOutsideTheAwardsOwnTrail() {
        Award award = activeAward();
        Caller.as(APP, auditorUser).download("/api/v1/awards/" + award.id() + "/audit-pack", null);
        long inGlobalChain = fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM audit_events
                        WHERE action = 'AUDIT_PACK_DOWNLOADED' AND object_id = :id AND award_id IS NULL
                          AND actor_username = :who AND details ->> 'language' = 'en'""")
                .bind("id", award.id().toString()).bind("who", auditorUser.username()).mapTo(Long.class).one());
        assertThat(inGlobalChain).isEqualTo(1);
    }

    private static void assertProblem(Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        if (field != null) {
            assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
        }
    }
}
