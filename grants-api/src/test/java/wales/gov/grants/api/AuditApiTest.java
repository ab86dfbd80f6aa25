package wales.gov.grants.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.audit.AuditCheckpoints;
import wales.gov.grants.audit.AuditPublicKey;
import wales.gov.grants.audit.AuditSigningKey;
import wales.gov.grants.audit.Checkpoint;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.testing.TestDatabase;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(DropwizardExtensionsSupport.class)
class AuditApiTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);

    private final Fixtures fixtures = ApiTestSupport.fixtures(CLOCK);
    private final User auditor = fixtures.user(Role.AUDITOR, null);
    private final User manager = fixtures.user(Role.GRANT_MANAGER, null);
    private final User cardiff = fixtures.user(Role.RECIPIENT, fixtures.cardiff());

    @Test
    void anAuditorVerifiesEveryChainAndSeesTheLatestSignedCheckpoint() {
        fixtures.activeAward(fixtures.actor(Role.GRANT_MANAGER), fixtures.scheme(fixtures.actor(Role.GRANT_MANAGER),
                "100.00", "50.00"), fixtures.cardiff(), "10.00", cardiff.asActor());
        AuditSigningKey key = ApiTestSupport.signingKey();
        Checkpoint checkpoint = new AuditCheckpoints(fixtures.jdbi(), key, new TestClock()).writeIfDue()
                .orElseThrow();

        Reply reply = Caller.as(APP, auditor).get("/api/v1/audit/verify");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode result = reply.json();
        assertThat(result.get("valid").asBoolean()).as(reply.body()).isTrue();
        assertThat(result.get("eventsChecked").asLong()).isPositive();
        assertThat(result.get("chainsChecked").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(result.get("firstBrokenEventId").isNull()).isTrue();
        assertThat(result.get("problems")).isEmpty();
        JsonNode latest = result.get("latestCheckpoint");
        assertThat(latest.get("sequence").asLong()).isGreaterThanOrEqualTo(checkpoint.sequence());
        assertThat(latest.get("keyId").asText()).isEqualTo(key.publicKey().keyId());
        assertThat(latest.get("at").asText()).endsWith("Z");
    }

    @Test
    void onlyAuditorsAndAdministratorsMayVerify() {
        assertThat(Caller.as(APP, fixtures.user(Role.ADMIN, null)).get("/api/v1/audit/verify").status()).isEqualTo(200);
        for (User other : new User[] {manager, cardiff, fixtures.user(Role.FINANCE_OFFICER, null)}) {
            Reply denied = Caller.as(APP, other).get("/api/v1/audit/verify");
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.mediaType()).isEqualTo("application/problem+json");
        }
        Reply anonymous = Caller.anonymous(APP).get("/api/v1/audit/verify");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.mediaType()).isEqualTo("application/problem+json");
    }

    @Test
    void anySignedInUserGetsThePublicKeyAsPem() {
        ApiTestSupport.Download download = Caller.as(APP, cardiff).download("/api/v1/audit/public-key", null);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("application/x-pem-file");
        String pem = new String(download.body(), StandardCharsets.US_ASCII);
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(AuditPublicKey.fromPem(pem).keyId()).isEqualTo(ApiTestSupport.signingKey().publicKey().keyId());
        assertThat(Caller.anonymous(APP).get("/api/v1/audit/public-key").status()).isEqualTo(401);
    }

    @Test
    void productionRefusesToStartWithoutTheSigningKey() {
        TestDatabase database = TestDatabase.get();
        String missing = "target/no-such-audit-signing-key.pem";
        DropwizardTestSupport<GrantsConfiguration> server = new DropwizardTestSupport<>(GrantsApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.url", database.url()),
                ConfigOverride.config("database.user", database.user()),
                ConfigOverride.config("database.password", database.password()),
                ConfigOverride.config("audit.signingKeyFile", missing));
        try {
            assertThatThrownBy(server::before)
                    .hasMessageContaining("audit signing key file")
                    .hasMessageContaining("does not exist")
                    .hasMessageContaining("openssl genpkey");
        } finally {
            server.after();
        }
        assertThat(Path.of(missing)).doesNotExist();
    }
}
