package wales.gov.grants.idempotency;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyServiceTest {
    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final IdempotencyService idempotency = new IdempotencyService(fixtures.jdbi(), fixtures.clock());
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);

    @Test
    void parallelRetriesWithOneKeyCreateOnceAndAllGetTheOriginalResponse() throws Exception {
        Scheme scheme = fixtures.scheme(manager, "100000.00", "500.00");
        String key = Fixtures.unique("key-");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<IdempotencyService.StoredResponse>> results = new ArrayList<>();
        try {
            for (int index = 0; index < 20; index++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return idempotency.execute(manager, key, "POST /awards {same}", () -> {
                        String id = fixtures.award(manager, scheme, fixtures.cardiff(), "10.00").id().toString();
                        return IdempotencyService.StoredResponse.created("{\"id\":\"" + id + "\"}", "/awards/" + id);
                    });
                }));
            }
            start.countDown();
            List<String> bodies = new ArrayList<>();
            for (Future<IdempotencyService.StoredResponse> result : results) {
                bodies.add(result.get().body());
            }
            assertThat(bodies).hasSize(20).containsOnly(bodies.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixtures.schemes().get(manager, scheme.id()).allocated().toDecimalString())
                .isEqualTo("10.00");
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        String key = Fixtures.unique("key-");
        idempotency.execute(manager, key, "POST /schemes {a}",
                () -> IdempotencyService.StoredResponse.created("{}", null));
        assertThatThrownBy(() -> idempotency.execute(manager, key, "POST /schemes {b}",
                () -> IdempotencyService.StoredResponse.created("{}", null)))
                .isInstanceOf(RuleViolationException.class);
    }

    @Test
    void aFailedCreationStoresNothingSoARetryRunsAgain() {
        String key = Fixtures.unique("key-");
        assertThatThrownBy(() -> idempotency.execute(manager, key, "POST /x {}", () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        IdempotencyService.StoredResponse retried = idempotency.execute(manager, key, "POST /x {}",
                () -> IdempotencyService.StoredResponse.created("{\"ok\":true}", null));
        assertThat(retried.replayed()).isFalse();
        assertThat(retried.body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void keysMustBeShortVisibleAscii() {
        assertThatThrownBy(() -> idempotency.execute(manager, "a".repeat(256), "r",
                () -> IdempotencyService.StoredResponse.created("{}", null))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> idempotency.execute(manager, "has space", "r",
                () -> IdempotencyService.StoredResponse.created("{}", null))).isInstanceOf(ValidationException.class);
    }
}
