package wales.gov.grants.idempotency;

import java.time.Clock;
import java.util.Arrays;
import java.util.function.Supplier;

import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Digests;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.ValidationException;

import static java.util.Objects.requireNonNull;

/**
 * Makes a creating request safe to retry. The key is claimed, the creation runs and its response is stored, all
 * in one transaction: a retry with the same key and request gets the stored response and creates nothing; a
 * concurrent retry waits for the first to finish; the same key with a different request is refused.
 */
public final class IdempotencyService {
    private final Jdbi jdbi;
    private final Clock clock;

    public IdempotencyService(Jdbi jdbi, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @param key the client's {@code Idempotency-Key}, or null to run {@code creation} once without protection
     * @param request what identifies the request: method, path and body, in a canonical form
     * @param creation the work; it joins this transaction, so its changes and the stored response commit together
     */
    public StoredResponse execute(Actor actor, String key, String request, Supplier<StoredResponse> creation) {
        if (key == null) {
            return creation.get();
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ValidationException.of("Idempotency-Key", "must be 1 to 255 visible ASCII characters");
        }
        byte[] fingerprint = Digests.sha256(request);
        return jdbi.inTransaction(handle -> {
            IdempotencyDao records = handle.attach(IdempotencyDao.class);
            if (records.claim(actor.userId().value(), key, fingerprint, clock.instant()) == 1) {
                StoredResponse response = creation.get();
                records.complete(actor.userId().value(), key, response.status(), response.body(), response.location());
                return response;
            }
            IdempotencyDao.StoredRow stored = records.find(actor.userId().value(), key).orElseThrow();
            if (!Arrays.equals(stored.requestFingerprint(), fingerprint)) {
                throw new RuleViolationException("idempotency-key-reused",
                        "this Idempotency-Key was already used for a different request");
            }
            return new StoredResponse(stored.responseStatus(), stored.responseBody(), stored.responseLocation(), true);
        });
    }


    /** A response as it was first sent: status, JSON body and Location. */
    public record StoredResponse(int status, String body, String location, boolean replayed) {
        public StoredResponse {
            requireNonNull(body, "body is null");
        }

        public static StoredResponse created(String body, String location) {
            return new StoredResponse(201, body, location, false);
        }
    }
}
