package wales.gov.grants.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in over HTTP: failures are 401 and audited, repeated failures are throttled with 429 until the window has
 * passed, and a bearer token works until its lifetime ends.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthApiTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);

    private final Fixtures fixtures = ApiTestSupport.fixtures(CLOCK);

    @Test
    void repeatedWrongPasswordsAreThrottledWith429AndARetryAfter() throws Exception {
        User user = fixtures.user(Role.FINANCE_OFFICER, null);
        for (int attempt = 0; attempt < 5; attempt++) {
            HttpResponse<String> refused = get(user.username(), "wrong password " + attempt);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
        }
        HttpResponse<String> throttled = get(user.username(), Fixtures.PASSWORD);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(Integer.parseInt(throttled.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        long audited = fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM audit_events
                        WHERE action = 'LOGIN_FAILED' AND details ->> 'username' = :name AND client_address IS NOT NULL""")
                .bind("name", user.username()).mapTo(Long.class).one());
        assertThat(audited).isEqualTo(5);

        CLOCK.advance(APP.getConfiguration().getAuth().getThrottleWindow().toJavaDuration());
        assertThat(get(user.username(), Fixtures.PASSWORD).statusCode()).as("once the window has passed")
                .isEqualTo(200);
    }

    @Test
    void aBearerTokenIsRefusedOnceItsLifetimeHasPassed() {
        User auditor = fixtures.user(Role.AUDITOR, null);
        Duration lifetime = APP.getConfiguration().getAuth().getTokenLifetime().toJavaDuration();
        Instant issuedFrom = CLOCK.instant();
        Reply issued = Caller.as(APP, auditor).post("/api/v1/tokens");
        assertThat(issued.status()).isEqualTo(201);
        assertThat(Instant.parse(issued.json().get("expiresAt").asText()))
                .isBetween(issuedFrom.plus(lifetime), issuedFrom.plus(lifetime).plusSeconds(1));
        Caller bearer = Caller.bearer(APP, issued.json().get("token").asText());
        assertThat(bearer.get("/api/v1/schemes").status()).isEqualTo(200);

        CLOCK.advance(lifetime.minusMinutes(1));
        assertThat(bearer.get("/api/v1/schemes").status()).as("a minute before expiry").isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(1));
        Reply expired = bearer.get("/api/v1/schemes");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.mediaType()).isEqualTo("application/problem+json");
    }

    @Test
    void whileAUsernameIsThrottledTheRightPasswordGets429LikeAWrongOneAndIssuesNoToken() throws Exception {
        User user = fixtures.user(Role.FINANCE_OFFICER, null);
        assertThat(get(user.username(), Fixtures.PASSWORD).statusCode()).as("signed in a moment ago").isEqualTo(200);
        assertThat(Caller.as(APP, user).post("/api/v1/tokens").status()).isEqualTo(201);
        for (int attempt = 0; attempt < Fixtures.MAX_FAILURES_PER_USERNAME; attempt++) {
            assertThat(get(user.username(), "wrong password " + attempt).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> right = get(user.username(), Fixtures.PASSWORD);
        HttpResponse<String> wrong = get(user.username(), "yet another guess");
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(wrong.statusCode()).isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).isPresent();
        assertThat(right.body()).isEqualTo(wrong.body());
        Reply token = Caller.as(APP, user).post("/api/v1/tokens");
        assertThat(token.status()).isEqualTo(429);
        assertThat(token.header("Retry-After")).isNotBlank();
        assertThat(token.body()).doesNotContain("\"token\"");
    }

    @Test
    void aControlCharacterInBasicCredentialsIsA401Problem() throws Exception {
        User user = fixtures.user(Role.AUDITOR, null);
        for (String[] credentials : new String[][] {
                {user.username() + "\u0000", Fixtures.PASSWORD},
                {"\u0000", "x"},
                {"a\u0001b", Fixtures.PASSWORD},
                {user.username(), Fixtures.PASSWORD + "\u0000"},
                {user.username(), "line\nbreak"}}) {
            HttpResponse<String> refused = get(credentials[0], credentials[1]);
            assertThat(refused.statusCode()).as(credentials[0]).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
        assertThat(get(user.username(), Fixtures.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void xForwardedForIsIgnoredUnlessTheRequestComesFromATrustedProxy() {
        String username = Fixtures.unique("forged-");
        Reply refused = Reply.of(Caller.basic(APP, username, "guess").request("/api/v1/schemes")
                .header("X-Forwarded-For", "203.0.113.99").get());
        assertThat(refused.status()).isEqualTo(401);
        String recorded = fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT client_address FROM audit_events
                        WHERE action = 'LOGIN_FAILED' AND details ->> 'username' = :name""")
                .bind("name", username).mapTo(String.class).one());
        assertThat(recorded).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    }

    /** Plain JDK client: the Jersey test client's connector answers Basic challenges itself. */
    private static HttpResponse<String> get(String username, String password) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort()
                        + "/api/v1/schemes"))
                .header("Authorization", "Basic " + credentials)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRightPasswordForAnotherUserDoesNotSignIn() {
        User auditor = fixtures.user(Role.AUDITOR, null);
        assertThat(Caller.basic(APP, auditor.username() + "x", Fixtures.PASSWORD).get("/api/v1/schemes").status())
                .isEqualTo(401);
        assertThat(Caller.as(APP, auditor).get("/api/v1/schemes").status()).isEqualTo(200);
    }
}
