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
import wales.gov.grants.awards.Award;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/** The budget rule over HTTP: racing creations and offers never push a scheme over its budget. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BudgetRaceApiTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Fixtures fixtures = ApiTestSupport.fixtures(CLOCK);
    private final User manager = fixtures.user(Role.GRANT_MANAGER, null);

    @Test
    void twentyFiveParallelAwardRequestsFillTheBudgetExactlyAndNoMore() throws Exception {
        Scheme scheme = fixtures.scheme(manager.asActor(), "1000.00", "500.00");
        String body = JSON.writeValueAsString(Map.of("schemeId", scheme.id().toString(),
                "organisationId", fixtures.cardiff().id().toString(), "amount", "100.00"));
        List<Integer> statuses = race(25, index -> Caller.as(APP, manager).post("/api/v1/awards", body).status());
        assertThat(statuses.stream().filter(status -> status == 201)).hasSize(10);
        assertThat(statuses.stream().filter(status -> status == 422)).hasSize(15);
        assertThat(fixtures.schemes().get(manager.asActor(), scheme.id()).allocated().toDecimalString())
                .isEqualTo("1000.00");
    }

    @Test
    void parallelOffersOfOneAwardHaveExactlyOneWinner() throws Exception {
        Scheme scheme = fixtures.scheme(manager.asActor(), "1000.00", "500.00");
        Award award = fixtures.award(manager.asActor(), scheme, fixtures.cardiff(), "1000.00");
        List<Integer> statuses = race(20, index ->
                Caller.as(APP, manager).post("/api/v1/awards/" + award.id() + "/offer").status());
        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(1);
        assertThat(statuses.stream().filter(status -> status == 409)).hasSize(19);
    }

    interface Call {
        int status(int index) throws Exception;
    }

    private static List<Integer> race(int callers, Call call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int index = 0; index < callers; index++) {
                int number = index;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.status(number);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
