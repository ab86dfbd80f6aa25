package wales.gov.grants.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.kernel.Digests;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the application on one database, as in production behind a load balancer: correctness across
 * servers rests on PostgreSQL alone, never on one process's memory. Racing requests are spread over both servers.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TwoServersApiTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> FIRST = ApiTestSupport.application(CLOCK);
    static final DropwizardAppExtension<GrantsConfiguration> SECOND = ApiTestSupport.application(CLOCK);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Fixtures fixtures = ApiTestSupport.fixtures(CLOCK);
    private final User manager = fixtures.user(Role.GRANT_MANAGER, null);
    private final User cardiff = fixtures.user(Role.RECIPIENT, fixtures.cardiff());
    private final User finance1 = fixtures.user(Role.FINANCE_OFFICER, null);
    private final User finance2 = fixtures.user(Role.FINANCE_OFFICER, null);

    @Test
    void twentyApprovalsRacedAcrossBothServersApproveExactlyTheAward() throws Exception {
        Award award = activeAward("1000.00");
        List<Claim> submitted = new ArrayList<>();
        for (int day = 0; day < 20; day++) {
            submitted.add(fixtures.submittedClaim(cardiff.asActor(), award, day, "100.00"));
        }
        List<Integer> statuses = race(20, index -> Caller.as(server(index), index % 4 < 2 ? finance1 : finance2)
                .post("/api/v1/claims/" + submitted.get(index).id() + "/approve").status());
        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(10);
        assertThat(statuses.stream().filter(status -> status == 422)).hasSize(10);
        Reply after = Caller.as(SECOND, finance1).get("/api/v1/awards/" + award.id());
        assertThat(after.json().get("approved").asText()).isEqualTo("1000.00");
        assertThat(after.json().get("remaining").asText()).isEqualTo("0.00");
    }

    @Test
    void paymentsOfOneClaimRacedAcrossBothServersNeverExceedWhatWasApproved() throws Exception {
        Award award = activeAward("1000.00");
        Claim claim = fixtures.approvedClaim(cardiff.asActor(), finance1.asActor(), award, 0, "100.00");
        String today = CLOCK.today().toString();
        List<Integer> statuses = race(20, index -> Caller.as(server(index), index % 4 < 2 ? finance1 : finance2)
                .post("/api/v1/claims/" + claim.id() + "/payments", JSON.writeValueAsString(Map.of(
                        "amount", "30.00", "paidOn", today, "reference", "BACS-" + index))).status());
        assertThat(statuses.stream().filter(status -> status == 201)).hasSize(3);
        assertThat(statuses.stream().filter(status -> status == 422)).hasSize(17);
        Reply after = Caller.as(FIRST, finance1).get("/api/v1/claims/" + claim.id());
        assertThat(after.json().get("paid").asText()).isEqualTo("90.00");
        assertThat(after.json().get("payments")).hasSize(3);
    }

    @Test
    void oneIdempotencyKeySentToBothServersCreatesOneScheme() throws Exception {
        String code = Fixtures.unique("IDEM").toUpperCase().replaceAll("[^A-Z0-9]", "");
        String body = JSON.writeValueAsString(Map.of("code", code, "nameEn", "Racing scheme",
                "nameCy", "Cynllun rasio", "financialYear", "2019-20", "budget", "1000.00",
                "dualApprovalThreshold", "500.00"));
        String key = Fixtures.unique("scheme-");
        List<Reply> replies = race(20, index ->
                Caller.as(server(index), manager).post("/api/v1/schemes", body, key));
        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(201));
        assertThat(replies.stream().map(reply -> reply.json().get("id").asText()).distinct()).hasSize(1);
        assertThat(replies.stream().filter(reply -> "true".equals(reply.header("Idempotent-Replayed"))))
                .hasSize(19);
        long schemes = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM schemes WHERE code = :code").bind("code", code).mapTo(Long.class).one());
        assertThat(schemes).isEqualTo(1);
    }

    @Test
    void aUsernameThrottledThroughOneServerIsThrottledOnTheOtherForTheRightPasswordToo() {
        User user = fixtures.user(Role.AUDITOR, null);
        assertThat(Caller.as(FIRST, user).get("/api/v1/schemes").status()).isEqualTo(200);
        assertThat(Caller.as(SECOND, user).get("/api/v1/schemes").status()).isEqualTo(200);
        for (int attempt = 0; attempt < Fixtures.MAX_FAILURES_PER_USERNAME; attempt++) {
            assertThat(Caller.basic(server(attempt), user.username(), "guess " + attempt).get("/api/v1/schemes")
                    .status()).isEqualTo(401);
        }
        for (DropwizardAppExtension<GrantsConfiguration> server : List.of(FIRST, SECOND)) {
            Reply throttled = Caller.as(server, user).get("/api/v1/schemes");
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(Integer.parseInt(throttled.header("Retry-After"))).isPositive();
            assertThat(Caller.as(server, user).post("/api/v1/tokens").status()).isEqualTo(429);
        }
        long audited = fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM audit_events
                        WHERE action = 'LOGIN_THROTTLED' AND details ->> 'username' = :name""")
                .bind("name", user.username()).mapTo(Long.class).one());
        assertThat(audited).as("one event for the burst, whichever server saw it").isEqualTo(1);

        CLOCK.advance(FIRST.getConfiguration().getAuth().getThrottleWindow().toJavaDuration());
        assertThat(Caller.as(FIRST, user).get("/api/v1/schemes").status()).isEqualTo(200);
        assertThat(Caller.as(SECOND, user).get("/api/v1/schemes").status()).isEqualTo(200);
    }

    @Test
    void revokingATokenDisablingAUserOrChangingAPasswordTakesEffectOnBothServersAtOnce() {
        User user = fixtures.user(Role.AUDITOR, null);
        String revoked = Caller.as(FIRST, user).post("/api/v1/tokens").json().get("token").asText();
        String kept = Caller.as(SECOND, user).post("/api/v1/tokens").json().get("token").asText();
        for (DropwizardAppExtension<GrantsConfiguration> server : List.of(FIRST, SECOND)) {
            assertThat(Caller.as(server, user).get("/api/v1/schemes").status()).isEqualTo(200);
            assertThat(Caller.bearer(server, revoked).get("/api/v1/schemes").status()).isEqualTo(200);
            assertThat(Caller.bearer(server, kept).get("/api/v1/schemes").status()).isEqualTo(200);
        }

        update("UPDATE api_tokens SET revoked_at = created_at + interval '1 second' WHERE token_hash = :hash",
                "hash", Digests.sha256(revoked));
        for (DropwizardAppExtension<GrantsConfiguration> server : List.of(FIRST, SECOND)) {
            assertThat(Caller.bearer(server, revoked).get("/api/v1/schemes").status()).as("revoked").isEqualTo(401);
            assertThat(Caller.bearer(server, kept).get("/api/v1/schemes").status()).isEqualTo(200);
        }

        update("UPDATE users SET enabled = false WHERE id = :id", "id", user.id().value());
        for (DropwizardAppExtension<GrantsConfiguration> server : List.of(FIRST, SECOND)) {
            assertThat(Caller.as(server, user).get("/api/v1/schemes").status()).as("disabled").isEqualTo(401);
            assertThat(Caller.as(server, user).post("/api/v1/tokens").status()).isEqualTo(401);
            assertThat(Caller.bearer(server, kept).get("/api/v1/schemes").status()).isEqualTo(401);
        }

        update("UPDATE users SET enabled = true WHERE id = :id", "id", user.id().value());
        assertThat(Caller.as(FIRST, user).get("/api/v1/schemes").status()).isEqualTo(200);
        update("UPDATE users SET password_hash = :hash WHERE id = :id", "id", user.id().value(),
                "hash", Fixtures.FAST_HASHER.hash("another password, long enough"));
        for (DropwizardAppExtension<GrantsConfiguration> server : List.of(FIRST, SECOND)) {
            assertThat(Caller.as(server, user).get("/api/v1/schemes").status()).as("old password").isEqualTo(401);
            assertThat(Caller.basic(server, user.username(), "another password, long enough")
                    .get("/api/v1/schemes").status()).isEqualTo(200);
        }
    }

    @Test
    void aUserDisabledThroughOneServerIsRefusedOnTheOtherAtOnceByPasswordAndToken() {
        User admin = fixtures.user(Role.ADMIN, null);
        User user = fixtures.user(Role.AUDITOR, null);
        String token = Caller.as(SECOND, user).post("/api/v1/tokens").json().get("token").asText();
        assertThat(Caller.as(SECOND, user).get("/api/v1/schemes").status()).isEqualTo(200);
        assertThat(Caller.bearer(SECOND, token).get("/api/v1/schemes").status()).isEqualTo(200);

        assertThat(Caller.as(FIRST, admin).post("/api/v1/users/" + user.id() + "/disable").status()).isEqualTo(200);
        assertThat(Caller.as(SECOND, user).get("/api/v1/schemes").status()).as("password").isEqualTo(401);
        assertThat(Caller.bearer(SECOND, token).get("/api/v1/schemes").status()).as("token").isEqualTo(401);

        assertThat(Caller.as(SECOND, admin).post("/api/v1/users/" + user.id() + "/enable").status()).isEqualTo(200);
        assertThat(Caller.as(FIRST, user).get("/api/v1/schemes").status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangedThroughOneServerRevokesTheTokensInUseOnTheOther() {
        User user = fixtures.user(Role.AUDITOR, null);
        String kept = Caller.as(FIRST, user).post("/api/v1/tokens").json().get("token").asText();
        String elsewhere = Caller.as(SECOND, user).post("/api/v1/tokens").json().get("token").asText();
        assertThat(Caller.bearer(SECOND, elsewhere).get("/api/v1/schemes").status()).isEqualTo(200);

        Reply changed = Caller.bearer(FIRST, kept).post("/api/v1/users/me/password", "{\"currentPassword\":\""
                + Fixtures.PASSWORD + "\",\"newPassword\":\"a long and unusual passphrase\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(Caller.bearer(SECOND, elsewhere).get("/api/v1/schemes").status()).isEqualTo(401);
        assertThat(Caller.bearer(SECOND, kept).get("/api/v1/schemes").status()).as("the changing request's token")
                .isEqualTo(200);
        assertThat(Caller.as(SECOND, user).get("/api/v1/schemes").status()).as("old password").isEqualTo(401);
    }

    @Test
    void aThrottleLiftedThroughOneServerIsLiftedOnTheOther() {
        User admin = fixtures.user(Role.ADMIN, null);
        User user = fixtures.user(Role.AUDITOR, null);
        for (int attempt = 0; attempt < Fixtures.MAX_FAILURES_PER_USERNAME; attempt++) {
            assertThat(Caller.basic(SECOND, user.username(), "guess " + attempt).get("/api/v1/schemes").status())
                    .isEqualTo(401);
        }
        assertThat(Caller.as(SECOND, user).get("/api/v1/schemes").status()).isEqualTo(429);
        assertThat(Caller.as(FIRST, admin).post("/api/v1/users/" + user.id() + "/unlock").status()).isEqualTo(200);
        assertThat(Caller.as(SECOND, user).get("/api/v1/schemes").status()).isEqualTo(200);
    }

    private Award activeAward(String amount) {
        Scheme scheme = fixtures.scheme(manager.asActor(), "100000.00", "500.00");
        return fixtures.activeAward(manager.asActor(), scheme, fixtures.cardiff(), amount, cardiff.asActor());
    }

    /** @param namesAndValues each parameter's name followed by its value */
    private void update(String sql, Object... namesAndValues) {
        fixtures.jdbi().useHandle(handle -> {
            var update = handle.createUpdate(sql);
            for (int index = 0; index < namesAndValues.length; index += 2) {
                update.bind((String) namesAndValues[index], namesAndValues[index + 1]);
            }
            update.execute();
        });
    }

    /** Even calls go to the first server, odd ones to the second. */
    private static DropwizardAppExtension<GrantsConfiguration> server(int index) {
        return index % 2 == 0 ? FIRST : SECOND;
    }

    interface Call<T> {
        T call(int index) throws Exception;
    }

    private static <T> List<T> race(int callers, Call<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int index = 0; index < callers; index++) {
                int number = index;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call(number);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
