package wales.gov.grants.api;

import io.dropwizard.testing.ConfigOverride;
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
 * Behind a reverse proxy every request comes from the proxy's address: the server then counts and records the
 * client's address from {@code X-Forwarded-For}, so one client's wrong usernames throttle that client only.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProxyApiTest {
    static final TestClock CLOCK = new TestClock();
    static final int MAX_FAILURES_PER_ADDRESS = 50;
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK,
            ConfigOverride.config("auth.trustedProxies", "127.0.0.1,::1"),
            ConfigOverride.config("auth.maxFailuresPerAddress", String.valueOf(MAX_FAILURES_PER_ADDRESS)));

    private final Fixtures fixtures = ApiTestSupport.fixtures(CLOCK);

    @Test
    void behindATrustedProxyFiftyWrongUsernamesThrottleOnlyTheClientThatSentThem() {
        User user = fixtures.user(Role.AUDITOR, null);
        String guesser = "203.0.113.7";
        for (int attempt = 0; attempt < MAX_FAILURES_PER_ADDRESS; attempt++) {
            assertThat(get(Caller.basic(APP, Fixtures.unique("nobody-"), "guess"), guesser).status())
                    .isEqualTo(401);
        }
        assertThat(get(Caller.as(APP, user), guesser).status()).as("the guessing client").isEqualTo(429);
        assertThat(get(Caller.as(APP, user), "198.51.100.9").status()).as("another client").isEqualTo(200);
        assertThat(get(Caller.as(APP, user), guesser + ", 198.51.100.10").status())
                .as("the client is the last address the trusted proxy saw, not what the client wrote before it")
                .isEqualTo(200);
        assertThat(get(Caller.as(APP, user), "198.51.100.11, " + guesser).status()).isEqualTo(429);

        String username = Fixtures.unique("nobody-");
        get(Caller.basic(APP, username, "guess"), "2001:db8::17");
        String recorded = fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT client_address FROM audit_events
                        WHERE action = 'LOGIN_FAILED' AND details ->> 'username' = :name""")
                .bind("name", username).mapTo(String.class).one());
        assertThat(recorded).isEqualTo("2001:db8::17");
    }

    private static Reply get(Caller caller, String forwardedFor) {
        return Reply.of(caller.request("/api/v1/schemes").header("X-Forwarded-For", forwardedFor).get());
    }
}
