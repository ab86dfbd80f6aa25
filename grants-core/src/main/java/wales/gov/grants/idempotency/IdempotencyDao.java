package wales.gov.grants.idempotency;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface IdempotencyDao {
    /**
     * Claims the key for this transaction. A concurrent transaction with the same key waits here until this one
     * ends, then finds the stored response (or, if this one rolled back, claims the key itself).
     */
    @SqlUpdate("""
            INSERT INTO idempotency_records (user_id, idempotency_key, request_fingerprint, created_at)
            VALUES (:userId, :key, :fingerprint, :createdAt)
            ON CONFLICT ON CONSTRAINT pk_idempotency_records DO NOTHING""")
    int claim(@Bind("userId") UUID userId, @Bind("key") String key, @Bind("fingerprint") byte[] fingerprint,
              @Bind("createdAt") Instant createdAt);

    @SqlQuery("""
            SELECT request_fingerprint, response_status, response_body, response_location
            FROM idempotency_records WHERE user_id = :userId AND idempotency_key = :key""")
    @RegisterConstructorMapper(StoredRow.class)
    Optional<StoredRow> find(@Bind("userId") UUID userId, @Bind("key") String key);

    @SqlUpdate("""
            UPDATE idempotency_records SET response_status = :status, response_body = :body, response_location = :location
            WHERE user_id = :userId AND idempotency_key = :key""")
    void complete(@Bind("userId") UUID userId, @Bind("key") String key, @Bind("status") int status,
                  @Bind("body") String body, @Bind("location") String location);

    record StoredRow(byte[] requestFingerprint, Integer responseStatus, String responseBody, String responseLocation) {
    }
}
