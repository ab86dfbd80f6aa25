package wales.gov.grants.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

import static java.util.Objects.requireNonNull;

/**
 * Writes and finds signed checkpoints. Several servers may share the database and all try to checkpoint: a
 * transaction-scoped advisory lock elects one writer at a time, the primary key on the sequence backs it up, and a
 * checkpoint lists only chains that grew since they were last signed, so one with nothing new is never written.
 */
public final class AuditCheckpoints {
    /**
     * The advisory lock held by the transaction that writes a checkpoint: the two-key form, whose key space is
     * separate from the one-bigint locks on evidence content. ("audi" in ASCII, 1.)
     */
    private static final String TRY_WRITER_LOCK = "SELECT pg_try_advisory_xact_lock(1635083369, 1)";
    private static final String WRITER_LOCK = "SELECT pg_advisory_xact_lock(1635083369, 1)::text";

    private static final String CHANGED_CHAINS = """
            SELECT head.chain_id, head.length, head.head_hash, head.head_event_id
            FROM audit_chain_heads head
            WHERE head.length > 0
              AND NOT EXISTS (SELECT 1 FROM audit_checkpoint_chains signed
                              WHERE signed.chain_id = head.chain_id AND signed.length = head.length)
            ORDER BY head.chain_id""";
    private static final String COVERING = """
            SELECT signed.checkpoint_sequence
            FROM audit_chain_heads head
            JOIN audit_checkpoint_chains signed ON signed.chain_id = head.chain_id AND signed.length = head.length
                                               AND signed.head_hash = head.head_hash
            WHERE head.chain_id = :chainId""";

    static final RowMapper<CheckpointEntry> ENTRY = (row, context) -> new CheckpointEntry(
            row.getString("chain_id"), row.getLong("length"), row.getString("head_hash"),
            row.getLong("head_event_id"));

    private final Jdbi jdbi;
    private final AuditSigningKey key;
    private final Clock clock;

    public AuditCheckpoints(Jdbi jdbi, AuditSigningKey key, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.key = requireNonNull(key, "key is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Signs a checkpoint of every chain that grew since it was last signed, unless none did or another server is
     * writing one right now. Called every half minute by each server.
     */
    public Optional<Checkpoint> writeIfDue() {
        return jdbi.inTransaction(handle -> {
            boolean elected = handle.createQuery(TRY_WRITER_LOCK).mapTo(Boolean.class).one();
            return elected ? write(handle) : Optional.<Checkpoint>empty();
        });
    }

    /**
     * The first checkpoint that signed the chain as it stands now (its current length and head), writing one first
     * if none has yet; empty if the chain has no events. A pack built from the chain's first
     * {@code entryFor(chainId).length()} events and citing this checkpoint is the same for the same data.
     */
    public Optional<Checkpoint> coveringCheckpoint(String chainId) {
        requireNonNull(chainId, "chainId is null");
        Optional<Checkpoint> existing = jdbi.withHandle(handle -> covering(handle, chainId));
        if (existing.isPresent()) {
            return existing;
        }
        return jdbi.inTransaction(handle -> {
            handle.createQuery(WRITER_LOCK).mapTo(String.class).one();
            Optional<Checkpoint> written = covering(handle, chainId);
            if (written.isPresent()) {
                return written;
            }
            return write(handle).filter(checkpoint -> checkpoint.entryFor(chainId).isPresent());
        });
    }

    public Optional<Checkpoint> latest() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT max(sequence) FROM audit_checkpoints")
                .mapTo(Long.class).findOne().flatMap(sequence -> load(handle, sequence)));
    }

    public Optional<Checkpoint> find(long sequence) {
        return jdbi.withHandle(handle -> load(handle, sequence));
    }

    private Optional<Checkpoint> covering(Handle handle, String chainId) {
        return handle.createQuery(COVERING).bind("chainId", chainId).mapTo(Long.class).findOne()
                .flatMap(sequence -> load(handle, sequence));
    }

    /** Under the writer lock. */
    private Optional<Checkpoint> write(Handle handle) {
        List<CheckpointEntry> changed = handle.createQuery(CHANGED_CHAINS).map(ENTRY).list();
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        Optional<Checkpoint> previous = handle.createQuery("SELECT max(sequence) FROM audit_checkpoints")
                .mapTo(Long.class).findOne().flatMap(sequence -> load(handle, sequence));
        long sequence = previous.map(checkpoint -> checkpoint.sequence() + 1).orElse(1L);
        String previousDigest = previous.map(Checkpoint::digest).orElse(null);
        // the database keeps microseconds: sign the time it will give back
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String keyId = key.publicKey().keyId();
        String signature = key.sign(Checkpoint.message(sequence, createdAt, keyId, previousDigest, changed));
        handle.createUpdate("""
                        INSERT INTO audit_checkpoints (sequence, created_at, key_id, previous_digest, signature)
                        VALUES (:sequence, :createdAt, :keyId, :previousDigest, :signature)""")
                .bind("sequence", sequence)
                .bind("createdAt", createdAt)
                .bind("keyId", keyId)
                .bind("previousDigest", previousDigest)
                .bind("signature", signature)
                .execute();
        PreparedBatch entries = handle.prepareBatch("""
                INSERT INTO audit_checkpoint_chains (checkpoint_sequence, chain_id, length, head_hash, head_event_id)
                VALUES (:sequence, :chainId, :length, :headHash, :headEventId)""");
        for (CheckpointEntry entry : changed) {
            entries.bind("sequence", sequence).bindMethods(entry).add();
        }
        entries.execute();
        return Optional.of(new Checkpoint(sequence, createdAt, keyId, previousDigest, signature, changed));
    }

    static Optional<Checkpoint> load(Handle handle, long sequence) {
        Optional<Checkpoint> header = handle.createQuery("""
                        SELECT sequence, created_at, key_id, previous_digest, signature
                        FROM audit_checkpoints WHERE sequence = :sequence""")
                .bind("sequence", sequence)
                .map((row, context) -> new Checkpoint(row.getLong("sequence"),
                        row.getObject("created_at", OffsetDateTime.class).toInstant(), row.getString("key_id"),
                        row.getString("previous_digest"), row.getString("signature"), List.of()))
                .findOne();
        return header.map(checkpoint -> new Checkpoint(checkpoint.sequence(), checkpoint.createdAt(),
                checkpoint.keyId(), checkpoint.previousDigest(), checkpoint.signature(), handle.createQuery("""
                        SELECT chain_id, length, head_hash, head_event_id
                        FROM audit_checkpoint_chains WHERE checkpoint_sequence = :sequence
                        ORDER BY chain_id""")
                .bind("sequence", sequence).map(ENTRY).list()));
    }
}
