package wales.gov.grants.users;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import wales.gov.grants.kernel.Digests;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthServiceTest {
    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final TestClock clock = fixtures.clock();
    private final AuthService auth = fixtures.authService(false);

    @Test
    void passwordsAreStoredAsSaltedBcryptHashes() {
        User user = fixtures.user(Role.AUDITOR, null);
        String hash = fixtures.jdbi().withExtension(UserDao.class, users -> users.passwordHash(user.username()))
                .orElseThrow();
        assertThat(hash).startsWith("$2b$").doesNotContain(Fixtures.PASSWORD);
        assertThat(auth.authenticate(user.username(), Fixtures.PASSWORD, "10.0.0.1")).contains(user);
        assertThat(auth.authenticate(user.username(), "wrong password", "10.0.0.1")).isEmpty();
        assertThat(auth.authenticate("nobody-" + user.username(), Fixtures.PASSWORD, "10.0.0.1")).isEmpty();
    }

    @Test
    void repeatedFailuresThrottleTheUsernameEvenWithTheRightPassword() {
        User user = fixtures.user(Role.FINANCE_OFFICER, null);
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(auth.authenticate(user.username(), "guess " + attempt, "10.0.0.2")).isEmpty();
        }
        assertThatThrownBy(() -> auth.authenticate(user.username(), Fixtures.PASSWORD, "10.0.0.3"))
                .isInstanceOf(TooManyAttemptsException.class);
        long failures = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM audit_events WHERE action = 'LOGIN_FAILED' AND details ->> 'username' = :name")
                .bind("name", user.username()).mapTo(Long.class).one());
        assertThat(failures).isEqualTo(5);
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCountAndTheRightPasswordThenSignsIn() {
        User user = fixtures.user(Role.FINANCE_OFFICER, null);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(auth.authenticate(user.username(), "early guess " + attempt, "10.0.1.1")).isEmpty();
        }
        clock.advance(Duration.ofMinutes(10));
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(auth.authenticate(user.username(), "late guess " + attempt, "10.0.1.1")).isEmpty();
        }
        assertThatThrownBy(() -> auth.authenticate(user.username(), Fixtures.PASSWORD, "10.0.1.1"))
                .isInstanceOfSatisfying(TooManyAttemptsException.class, throttled -> assertThat(throttled.retryAfter())
                        .isPositive().isLessThanOrEqualTo(Fixtures.THROTTLE_WINDOW.minusMinutes(10)));

        clock.advance(Fixtures.THROTTLE_WINDOW.minusMinutes(10).minusSeconds(1));
        assertThatThrownBy(() -> auth.authenticate(user.username(), Fixtures.PASSWORD, "10.0.1.1"))
                .as("a second before the first failure leaves the window").isInstanceOf(TooManyAttemptsException.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(auth.authenticate(user.username(), Fixtures.PASSWORD, "10.0.1.1"))
                .as("the three early failures have left the window; two remain, under the limit").contains(user);
    }

    @Test
    void repeatedFailuresFromOneAddressThrottleThatAddress() {
        AuthService strict = fixtures.authService(false);
        String address = "10.9.9." + (int) (Math.random() * 200);
        for (int attempt = 0; attempt < 50; attempt++) {
            strict.authenticate(Fixtures.unique("ghost-"), "guess", address);
        }
        User user = fixtures.user(Role.AUDITOR, null);
        assertThatThrownBy(() -> strict.authenticate(user.username(), Fixtures.PASSWORD, address))
                .isInstanceOf(TooManyAttemptsException.class);
        assertThat(strict.authenticate(user.username(), Fixtures.PASSWORD, "10.8.8.8")).contains(user);
    }

    @Test
    void tokensAreStoredHashedAndIdentifyTheirUser() {
        User user = fixtures.user(Role.AUDITOR, null);
        AuthService.IssuedToken token = auth.issueToken(user, "10.0.0.4");
        assertThat(token.token()).hasSizeGreaterThanOrEqualTo(43);
        long stored = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM api_tokens WHERE token_hash = :hash")
                .bind("hash", Digests.sha256(token.token())).mapTo(Long.class).one());
        assertThat(stored).isEqualTo(1);
        assertThat(auth.authenticateToken(token.token())).contains(user);
        assertThat(auth.authenticateToken(token.token() + "x")).isEmpty();
        assertThat(auth.authenticateToken("")).isEmpty();
    }

    @Test
    void aBearerTokenStopsWorkingAtTheEndOfItsLifetimeEvenWhenRecentlyVerified() {
        User user = fixtures.user(Role.AUDITOR, null);
        AuthService.IssuedToken used = auth.issueToken(user, "10.0.0.6");
        AuthService.IssuedToken unused = auth.issueToken(user, "10.0.0.6");
        assertThat(used.expiresAt()).isBetween(TestClock.START.plus(Fixtures.TOKEN_LIFETIME),
                TestClock.START.plus(Fixtures.TOKEN_LIFETIME).plusSeconds(1));
        assertThat(auth.authenticateToken(used.token())).contains(user);

        clock.advance(Fixtures.TOKEN_LIFETIME.minusMinutes(1));
        assertThat(auth.authenticateToken(used.token())).as("a minute before expiry").contains(user);
        clock.advance(Duration.ofMinutes(1));
        assertThat(auth.authenticateToken(used.token())).as("expired, though in the verified-token cache").isEmpty();
        assertThat(auth.authenticateToken(unused.token())).as("expired, checked in the database").isEmpty();
        assertThat(auth.authenticate(user.username(), Fixtures.PASSWORD, "10.0.0.6")).contains(user);
    }

    @Test
    void demoUsersMaySignInOnlyInDemoMode() {
        String username = Fixtures.unique("demo-");
        fixtures.jdbi().useExtension(UserDao.class, users -> users.insertIfAbsent(username,
                Fixtures.FAST_HASHER.hash(Fixtures.PASSWORD), "Demo", Role.AUDITOR.name(), null, true));
        assertThat(auth.authenticate(username, Fixtures.PASSWORD, "10.0.0.5")).isEmpty();
        Optional<User> inDemo = fixtures.authService(true).authenticate(username, Fixtures.PASSWORD, "10.0.0.5");
        assertThat(inDemo).isPresent();
    }
}
