package wales.gov.grants.users;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import wales.gov.grants.kernel.Digests;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.ValidationException;
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
    void aPasswordVerifiedMomentsAgoIsThrottledLikeAnyOtherSoTheAnswerRevealsNothing() {
        User user = fixtures.user(Role.FINANCE_OFFICER, null);
        assertThat(auth.authenticate(user.username(), Fixtures.PASSWORD, "10.0.2.1")).contains(user);
        for (int attempt = 0; attempt < Fixtures.MAX_FAILURES_PER_USERNAME; attempt++) {
            assertThat(auth.authenticate(user.username(), "guess " + attempt, "10.0.2.1")).isEmpty();
        }
        assertThatThrownBy(() -> auth.authenticate(user.username(), Fixtures.PASSWORD, "10.0.2.1"))
                .as("the right password, in the verified-password cache").isInstanceOf(TooManyAttemptsException.class);
        assertThatThrownBy(() -> auth.authenticate(user.username(), "another guess", "10.0.2.1"))
                .isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void failuresCountedOnOneServerThrottleTheUsernameOnAnother() {
        AuthService first = fixtures.authService(false);
        AuthService second = fixtures.authService(false);
        User user = fixtures.user(Role.FINANCE_OFFICER, null);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(first.authenticate(user.username(), "guess " + attempt, "10.0.3.1")).isEmpty();
        }
        for (int attempt = 3; attempt < Fixtures.MAX_FAILURES_PER_USERNAME; attempt++) {
            assertThat(second.authenticate(user.username(), "guess " + attempt, "10.0.3.2")).isEmpty();
        }
        assertThatThrownBy(() -> first.authenticate(user.username(), Fixtures.PASSWORD, "10.0.3.3"))
                .isInstanceOf(TooManyAttemptsException.class);
        assertThatThrownBy(() -> second.authenticate(user.username(), Fixtures.PASSWORD, "10.0.3.4"))
                .isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void throttledAttemptsAreCountedAndEachBurstIsAuditedOnce() {
        User user = fixtures.user(Role.FINANCE_OFFICER, null);
        for (int attempt = 0; attempt < 107; attempt++) {
            String guess = attempt % 10 == 9 ? Fixtures.PASSWORD : "guess " + attempt;
            try {
                assertThat(auth.authenticate(user.username(), guess, "10.0.4.1")).isEmpty();
            } catch (TooManyAttemptsException throttled) {
                assertThat(attempt).isGreaterThanOrEqualTo(Fixtures.MAX_FAILURES_PER_USERNAME);
            }
        }
        assertThat(events("LOGIN_FAILED", user.username())).isEqualTo(5);
        assertThat(throttledEvents(user.username())).as("one per burst: the username's, then the address's")
                .containsExactly("username", "username and address");
        assertThat(failureRows("user:" + user.username())).as("every attempt counted").isEqualTo(107);

        clock.advance(Fixtures.THROTTLE_WINDOW.multipliedBy(2));
        assertThat(auth.authenticate(user.username(), "after the window", "10.0.4.1")).isEmpty();
        assertThat(failureRows("user:" + user.username())).as("rows older than the window are pruned").isEqualTo(1);
        for (int attempt = 1; attempt < Fixtures.MAX_FAILURES_PER_USERNAME; attempt++) {
            assertThat(auth.authenticate(user.username(), "more " + attempt, "10.0.4.1")).isEmpty();
        }
        assertThatThrownBy(() -> auth.authenticate(user.username(), Fixtures.PASSWORD, "10.0.4.1"))
                .isInstanceOf(TooManyAttemptsException.class);
        assertThat(throttledEvents(user.username())).as("a new burst, a new event").hasSize(3);
    }

    @Test
    void aControlCharacterInAUsernameOrPasswordIsAnAuditedFailureNotAnError() {
        User user = fixtures.user(Role.AUDITOR, null);
        assertThat(auth.authenticate(user.username() + "\u0000", Fixtures.PASSWORD, "10.0.5.1")).isEmpty();
        assertThat(auth.authenticate("\u0000", "x", "10.0.5.1")).isEmpty();
        assertThat(auth.authenticate(user.username(), Fixtures.PASSWORD + "\u0000", "10.0.5.1")).isEmpty();
        assertThat(auth.authenticate(user.username(), "\u001b" + Fixtures.PASSWORD, "10.0.5.1")).isEmpty();
        assertThat(events("LOGIN_FAILED", user.username() + "\ufffd")).isEqualTo(1);
        assertThat(events("LOGIN_FAILED", user.username())).isEqualTo(2);
        assertThat(tokenUser("abc\u0000def")).isEmpty();
        assertThatThrownBy(() -> fixtures.services().users().create(fixtures.actor(Role.ADMIN), new NewUser(
                Fixtures.unique("ctl-"), "Control", "AUDITOR", null, "twelve chars\u0000 and more")))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void disablingAUserOrChangingItsPasswordStopsARecentlyVerifiedPasswordAtOnce() {
        User user = fixtures.user(Role.AUDITOR, null);
        assertThat(auth.authenticate(user.username(), Fixtures.PASSWORD, "10.0.6.1")).contains(user);
        setEnabled(user, false);
        assertThat(auth.authenticate(user.username(), Fixtures.PASSWORD, "10.0.6.1")).as("disabled").isEmpty();
        setEnabled(user, true);
        assertThat(auth.authenticate(user.username(), Fixtures.PASSWORD, "10.0.6.1")).as("enabled again")
                .isPresent();
        fixtures.jdbi().useHandle(handle -> handle.createUpdate("UPDATE users SET password_hash = :hash WHERE id = :id")
                .bind("hash", Fixtures.FAST_HASHER.hash("a new password of enough length"))
                .bind("id", user.id().value()).execute());
        assertThat(auth.authenticate(user.username(), Fixtures.PASSWORD, "10.0.6.1")).as("old password").isEmpty();
        assertThat(auth.authenticate(user.username(), "a new password of enough length", "10.0.6.1")).isPresent();
    }

    @Test
    void aTokenRevokedInTheDatabaseOrOfADisabledUserIsRefusedAtOnce() {
        User user = fixtures.user(Role.AUDITOR, null);
        AuthService.IssuedToken revoked = auth.issueToken(user, "10.0.7.1");
        AuthService.IssuedToken kept = auth.issueToken(user, "10.0.7.1");
        assertThat(tokenUser(revoked.token())).contains(user);
        assertThat(tokenUser(kept.token())).contains(user);
        fixtures.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE api_tokens SET revoked_at = :now WHERE token_hash = :hash")
                .bind("now", clock.instant()).bind("hash", Digests.sha256(revoked.token())).execute());
        assertThat(tokenUser(revoked.token())).as("revoked").isEmpty();
        assertThat(tokenUser(kept.token())).contains(user);
        setEnabled(user, false);
        assertThat(tokenUser(kept.token())).as("its user disabled").isEmpty();
    }

    private Optional<User> tokenUser(String token) {
        return auth.authenticateToken(token).map(TokenSignIn::user);
    }

    private void setEnabled(User user, boolean enabled) {
        fixtures.jdbi().useHandle(handle -> handle.createUpdate("UPDATE users SET enabled = :enabled WHERE id = :id")
                .bind("enabled", enabled).bind("id", user.id().value()).execute());
    }

    private long events(String action, String username) {
        return fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM audit_events WHERE action = :action AND details ->> 'username' = :name")
                .bind("action", action).bind("name", username).mapTo(Long.class).one());
    }

    private List<String> throttledEvents(String username) {
        return fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT details ->> 'throttled' FROM audit_events
                        WHERE action = 'LOGIN_THROTTLED' AND details ->> 'username' = :name ORDER BY id""")
                .bind("name", username).mapTo(String.class).list());
    }

    private long failureRows(String subject) {
        return fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM sign_in_failures WHERE subject = :subject")
                .bind("subject", subject).mapTo(Long.class).one());
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
        assertThat(tokenUser(token.token())).contains(user);
        assertThat(tokenUser(token.token() + "x")).isEmpty();
        assertThat(tokenUser("")).isEmpty();
    }

    @Test
    void aBearerTokenStopsWorkingAtTheEndOfItsLifetimeEvenWhenRecentlyVerified() {
        User user = fixtures.user(Role.AUDITOR, null);
        AuthService.IssuedToken used = auth.issueToken(user, "10.0.0.6");
        AuthService.IssuedToken unused = auth.issueToken(user, "10.0.0.6");
        assertThat(used.expiresAt()).isBetween(TestClock.START.plus(Fixtures.TOKEN_LIFETIME),
                TestClock.START.plus(Fixtures.TOKEN_LIFETIME).plusSeconds(1));
        assertThat(tokenUser(used.token())).contains(user);

        clock.advance(Fixtures.TOKEN_LIFETIME.minusMinutes(1));
        assertThat(tokenUser(used.token())).as("a minute before expiry").contains(user);
        clock.advance(Duration.ofMinutes(1));
        assertThat(tokenUser(used.token())).as("expired, though in the verified-token cache").isEmpty();
        assertThat(tokenUser(unused.token())).as("expired, checked in the database").isEmpty();
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
