package wales.gov.grants.users;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.UserId;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.ScratchDatabase;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.wiring.GrantsServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserServiceTest {
    private static final String NEW_PASSWORD = "a long and unusual passphrase";

    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final TestClock clock = fixtures.clock();
    private final UserService users = fixtures.services().users();
    private final TokenService tokens = fixtures.services().tokens();
    private final AuthService auth = fixtures.services().auth();
    private final Actor admin = fixtures.actor(Role.ADMIN);

    @Test
    void anAdministratorCreatesAUserWhoSignsInAndTheTrailNeverHoldsThePassword() {
        String username = Fixtures.unique("new-");
        Instant before = clock.instant();
        User user = users.create(admin, new NewUser(username, "Ffion Jones", "RECIPIENT",
                fixtures.cardiff().id().toString(), NEW_PASSWORD));
        assertThat(user.role()).isEqualTo(Role.RECIPIENT);
        assertThat(user.organisationId()).isEqualTo(fixtures.cardiff().id());
        assertThat(user.enabled()).isTrue();
        assertThat(user.createdAt()).isBetween(before, clock.instant());
        assertThat(auth.authenticate(username, NEW_PASSWORD, "10.1.0.1")).contains(user);
        String event = fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT concat_ws(' ', before_state, after_state, details) FROM audit_events
                        WHERE action = 'USER_CREATED' AND object_id = :id""")
                .bind("id", user.id().toString()).mapTo(String.class).one());
        assertThat(event).contains(username).contains("RECIPIENT").doesNotContain(NEW_PASSWORD).doesNotContain("$2b$");
    }

    @Test
    void aNewPasswordMustBeLongNotCommonAndNotTheUsernameWhateverItsCase() {
        String username = Fixtures.unique("pw-");
        assertThat(fieldErrors(() -> users.create(admin, new NewUser(username, "A", "AUDITOR", null, "short"))))
                .containsExactly("password: must be 12 to 1000 characters");
        assertThat(fieldErrors(() -> users.create(admin, new NewUser(username, "A", "AUDITOR", null,
                "x".repeat(1001))))).containsExactly("password: must be 12 to 1000 characters");
        assertThat(fieldErrors(() -> users.create(admin, new NewUser(username, "A", "AUDITOR", null,
                "QWERTY123456")))).singleElement().asString().startsWith("password: is one of the most common");
        assertThat(fieldErrors(() -> users.create(admin, new NewUser(username, "A", "AUDITOR", null,
                "Password1234")))).singleElement().asString().startsWith("password: is one of the most common");
        String longName = "administrator-" + Fixtures.unique("x");
        assertThat(fieldErrors(() -> users.create(admin, new NewUser(longName, "A", "AUDITOR", null,
                longName.toUpperCase())))).containsExactly("password: must not be the username");
        assertThat(fieldErrors(() -> users.create(admin, new NewUser(username, "A", "AUDITOR", null,
                "tab\tin the password")))).containsExactly("password: must not contain control characters");
    }

    @Test
    void everyFieldIsCheckedAtOnceAndARecipientAloneHasAnOrganisation() {
        assertThat(fieldErrors(() -> users.create(admin, new NewUser("Bad Name", "Line\nbreak", "KING", null,
                null)))).containsExactlyInAnyOrder(
                "username: must be 2 to 64 lower-case letters, digits, '.', '-' or '_', starting with a letter or digit",
                "displayName: must not contain control characters",
                "role: must be one of [ADMIN, GRANT_MANAGER, FINANCE_OFFICER, RECIPIENT, AUDITOR]",
                "password: is required");
        assertThat(fieldErrors(() -> users.create(admin, new NewUser(Fixtures.unique("r-"), "R", "RECIPIENT", null,
                NEW_PASSWORD)))).containsExactly("organisationId: is required for a recipient");
        assertThat(fieldErrors(() -> users.create(admin, new NewUser(Fixtures.unique("f-"), "F", "FINANCE_OFFICER",
                fixtures.cardiff().id().toString(), NEW_PASSWORD)))).singleElement().asString()
                .startsWith("organisationId: is allowed for a recipient only");
        assertThat(fieldErrors(() -> users.create(admin, new NewUser(Fixtures.unique("r-"), "R", "RECIPIENT",
                UserId.random().toString(), NEW_PASSWORD)))).containsExactly("organisationId: names no organisation");
    }

    @Test
    void aTakenUsernameIsAConflictAndOnlyAnAdministratorCreates() {
        User existing = fixtures.user(Role.AUDITOR, null);
        assertThatThrownBy(() -> users.create(admin, new NewUser(existing.username(), "Again", "AUDITOR", null,
                NEW_PASSWORD))).isInstanceOf(StateConflictException.class).hasMessageContaining("is taken");
        assertThatThrownBy(() -> users.create(fixtures.actor(Role.GRANT_MANAGER), new NewUser(Fixtures.unique("m-"),
                "M", "AUDITOR", null, NEW_PASSWORD))).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> users.get(admin, UserId.random())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void disablingRevokesTheUsersTokensAndEnablingDoesNotBringThemBack() {
        User user = fixtures.user(Role.FINANCE_OFFICER, null);
        AuthService.IssuedToken token = auth.issueToken(user, "10.1.1.1");
        assertThat(users.disable(admin, user.id()).enabled()).isFalse();
        assertThat(auth.authenticate(user.username(), Fixtures.PASSWORD, "10.1.1.1")).isEmpty();
        assertThat(auth.authenticateToken(token.token())).isEmpty();
        assertThat(users.disable(admin, user.id()).enabled()).as("again: nothing changes").isFalse();
        assertThat(users.enable(admin, user.id()).enabled()).isTrue();
        assertThat(auth.authenticate(user.username(), Fixtures.PASSWORD, "10.1.1.1")).isPresent();
        assertThat(auth.authenticateToken(token.token())).as("revoked when disabled").isEmpty();
        assertThat(events("USER_DISABLED", user)).isEqualTo(1);
        assertThat(events("USER_ENABLED", user)).isEqualTo(1);
    }

    @Test
    void anAdministratorCannotDisableThemselves() {
        User administrator = fixtures.user(Role.ADMIN, null);
        assertThatThrownBy(() -> users.disable(administrator.asActor(), administrator.id()))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refused -> assertThat(refused.rule()).isEqualTo("self-disable"));
    }

    @Test
    void unlockLiftsTheThrottleOfTheUsername() {
        User user = fixtures.user(Role.AUDITOR, null);
        for (int attempt = 0; attempt < Fixtures.MAX_FAILURES_PER_USERNAME; attempt++) {
            assertThat(auth.authenticate(user.username(), "guess " + attempt, "10.1.2." + attempt)).isEmpty();
        }
        assertThatThrownBy(() -> auth.authenticate(user.username(), Fixtures.PASSWORD, "10.1.2.9"))
                .isInstanceOf(TooManyAttemptsException.class);
        assertThat(users.unlock(admin, user.id())).isEqualTo(Fixtures.MAX_FAILURES_PER_USERNAME + 1);
        assertThat(auth.authenticate(user.username(), Fixtures.PASSWORD, "10.1.2.9")).isPresent();
        assertThat(events("USER_UNLOCKED", user)).isEqualTo(1);
    }

    @Test
    void changingThePasswordRevokesEveryOtherTokenAndKeepsTheOneInUse() {
        User user = fixtures.user(Role.AUDITOR, null);
        AuthService.IssuedToken current = auth.issueToken(user, "10.1.3.1");
        AuthService.IssuedToken other = auth.issueToken(user, "10.1.3.2");
        TokenSignIn signIn = auth.authenticateToken(current.token()).orElseThrow();
        AuthService.PasswordChange change = auth.changePassword(user, signIn.token(), Fixtures.PASSWORD,
                NEW_PASSWORD, "10.1.3.1");
        assertThat(change.tokensRevoked()).isEqualTo(1);
        assertThat(auth.authenticateToken(current.token())).isPresent();
        assertThat(auth.authenticateToken(other.token())).isEmpty();
        assertThat(auth.authenticate(user.username(), Fixtures.PASSWORD, "10.1.3.1")).isEmpty();
        assertThat(auth.authenticate(user.username(), NEW_PASSWORD, "10.1.3.1")).isPresent();
        String event = fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT concat_ws(' ', before_state, after_state, details) FROM audit_events
                        WHERE action = 'PASSWORD_CHANGED' AND object_id = :id""")
                .bind("id", user.id().toString()).mapTo(String.class).one());
        assertThat(event).doesNotContain(NEW_PASSWORD).doesNotContain(Fixtures.PASSWORD).doesNotContain(current.token());
    }

    @Test
    void aWrongCurrentPasswordIsRefusedAndCountsAsAFailedSignIn() {
        User user = fixtures.user(Role.AUDITOR, null);
        for (int attempt = 0; attempt < Fixtures.MAX_FAILURES_PER_USERNAME; attempt++) {
            int number = attempt;
            assertThat(fieldErrors(() -> auth.changePassword(user, null, "guess " + number, NEW_PASSWORD,
                    "10.1.4.1"))).containsExactly("currentPassword: is not your current password");
        }
        assertThatThrownBy(() -> auth.changePassword(user, null, Fixtures.PASSWORD, NEW_PASSWORD, "10.1.4.1"))
                .isInstanceOf(TooManyAttemptsException.class);
        assertThatThrownBy(() -> auth.authenticate(user.username(), Fixtures.PASSWORD, "10.1.4.2"))
                .isInstanceOf(TooManyAttemptsException.class);
        assertThat(fieldErrors(() -> auth.changePassword(user, null, Fixtures.PASSWORD, "Password1234",
                "10.1.4.1"))).as("the new password's policy first, before the throttle")
                .containsExactly("newPassword: is one of the most common passwords; choose a longer or less "
                        + "predictable one");
    }

    @Test
    void aNewPasswordMustDifferFromTheCurrentOne() {
        User user = fixtures.user(Role.AUDITOR, null);
        auth.changePassword(user, null, Fixtures.PASSWORD, NEW_PASSWORD, "10.1.5.1");
        assertThat(fieldErrors(() -> auth.changePassword(user, null, NEW_PASSWORD, NEW_PASSWORD.toUpperCase()
                .toLowerCase(), "10.1.5.1"))).containsExactly("newPassword: must differ from the current password");
    }

    @Test
    void tokensAreListedWithoutSecretsAndTheirLastUseIsRecordedAtMostOnceAMinute() {
        User user = fixtures.user(Role.AUDITOR, null);
        AuthService.IssuedToken token = auth.issueToken(user, "10.1.6.1");
        ApiToken listed = tokens.list(user.asActor(), null, Page.Request.of(null, null))
                .items().get(0);
        assertThat(listed.createdFrom()).isEqualTo("10.1.6.1");
        assertThat(listed.lastUsedAt()).isNull();
        Instant before = clock.instant();
        auth.authenticateToken(token.token());
        Instant first = lastUsed(listed);
        assertThat(first).isBetween(before, clock.instant());
        clock.advance(Duration.ofSeconds(30));
        auth.authenticateToken(token.token());
        assertThat(lastUsed(listed)).as("within the minute: no write").isEqualTo(first);
        clock.advance(Duration.ofSeconds(31));
        Instant later = clock.instant();
        auth.authenticateToken(token.token());
        assertThat(lastUsed(listed)).isBetween(later, clock.instant());
    }

    @Test
    void anotherUsersTokenIsNotFoundExceptForAnAdministrator() {
        User owner = fixtures.user(Role.AUDITOR, null);
        User other = fixtures.user(Role.AUDITOR, null);
        AuthService.IssuedToken token = auth.issueToken(owner, "10.1.7.1");
        ApiToken listed = tokens.list(owner.asActor(), null, Page.Request.of(null, null))
                .items().get(0);
        assertThatThrownBy(() -> tokens.revoke(other.asActor(), listed.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tokens.list(other.asActor(), owner.id(),
                Page.Request.of(null, null))).isInstanceOf(PermissionDeniedException.class);
        assertThat(tokens.list(admin, owner.id(), Page.Request.of(null, null)).total())
                .isEqualTo(1);
        tokens.revoke(admin, listed.id());
        assertThat(auth.authenticateToken(token.token())).isEmpty();
        tokens.revoke(owner.asActor(), listed.id());
        assertThat(events("TOKEN_REVOKED", owner)).as("revoking a revoked token records nothing").isEqualTo(1);
    }

    /**
     * Two administrators, the only two enabled, disable each other at the same moment: one wins, the other is
     * refused, and one administrator is left. Repeated, since one lucky ordering proves little. A database of its
     * own, since the shared one has administrators from every other test.
     */
    @Test
    void twoAdministratorsDisablingEachOtherAtOnceLeaveOneEnabled() throws Exception {
        try (ScratchDatabase database = ScratchDatabase.migrated()) {
            GrantsServices services = GrantsServices.build(database.jdbi(), clock,
                    new EvidenceStorage(Path.of("target", "scratch-evidence"), 1_000_000),
                    new GrantsServices.SignIn(4, Fixtures.TOKEN_LIFETIME, Duration.ofMinutes(1),
                            Fixtures.THROTTLE_WINDOW, 5, 50, false),
                    Fixtures.signingKey(), new AuditPackService.Settings(1_000_000, Path.of("target", "scratch-packs")));
            for (int round = 0; round < 10; round++) {
                User first = administrator(database, "first-" + round);
                User second = administrator(database, "second-" + round);
                List<Object> outcomes = race(
                        () -> services.users().disable(first.asActor(), second.id()),
                        () -> services.users().disable(second.asActor(), first.id()));
                assertThat(outcomes).filteredOn(User.class::isInstance).hasSize(1);
                assertThat(outcomes).filteredOn(RuleViolationException.class::isInstance).singleElement()
                        .satisfies(refused -> assertThat(((RuleViolationException) refused).rule())
                                .isEqualTo("last-administrator"));
                long enabled = database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM users WHERE role = 'ADMIN' AND enabled").mapTo(Long.class).one());
                assertThat(enabled).isEqualTo(1);
                // leave no administrator enabled for the next round
                database.jdbi().useHandle(handle -> handle.execute("UPDATE users SET enabled = false"));
            }
        }
    }

    private static User administrator(ScratchDatabase database, String name) {
        database.jdbi().useExtension(UserDao.class, dao -> dao.insertIfAbsent(name, Fixtures.FAST_HASHER.hash(
                Fixtures.PASSWORD), "Administrator " + name, "ADMIN", null, false));
        return database.jdbi().withExtension(UserDao.class, dao -> dao.findByUsername(name)).orElseThrow();
    }

    /** Runs both at once; each result is what the call returned or the exception it threw. */
    private static List<Object> race(Callable<Object> first, Callable<Object> second) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> call : List.of(first, second)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return call.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private Instant lastUsed(ApiToken token) {
        return fixtures.jdbi().withExtension(TokenDao.class, dao -> dao.find(token.id().value())).orElseThrow()
                .lastUsedAt();
    }

    private long events(String action, User user) {
        return fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM audit_events WHERE action = :action AND object_id = :id")
                .bind("action", action).bind("id", user.id().toString()).mapTo(Long.class).one());
    }

    private static List<String> fieldErrors(Runnable call) {
        try {
            call.run();
        } catch (ValidationException e) {
            return e.errors().stream().map(error -> error.field() + ": " + error.message()).toList();
        }
        throw new AssertionError("no validation error");
    }
}
