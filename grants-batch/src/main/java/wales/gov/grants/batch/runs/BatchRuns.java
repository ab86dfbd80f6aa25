package wales.gov.grants.batch.runs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

import static java.util.Objects.requireNonNull;

/**
 * The runs of the batch jobs and their items, in PostgreSQL because the processes sharing a run may be on several
 * machines. A run is found by its job and arguments key, or created with all its items in one transaction: a second
 * process racing to create it waits on the key's unique index and then finds it, so the run's items are fixed once.
 */
public final class BatchRuns {
    private static final String RUN_COLUMNS = """
            id, job, arguments_key, arguments::text AS arguments, started_by, started_at, item_count, finished_at,
            finished_by""";

    private static final RowMapper<BatchRun> RUN = ConstructorMapper.of(BatchRun.class);
    private static final RowMapper<BatchItem> ITEM = ConstructorMapper.of(BatchItem.class);
    private static final RowMapper<RunCounts> COUNTS = ConstructorMapper.of(RunCounts.class);

    private final Jdbi jdbi;

    public BatchRuns(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /** The run found or created, and whether this call created it. */
    public record Joined(BatchRun run, boolean created) {
        public Joined {
            requireNonNull(run, "run is null");
        }
    }

    /**
     * Joins the run of {@code job} on {@code argumentsKey}, creating it with {@code items} if there is none. The
     * items are only used when the run is created: a run keeps the items it started with.
     */
    public Joined join(String job, String argumentsKey, String arguments, String startedBy, Instant now,
                       List<NewItem> items) {
        return jdbi.inTransaction(handle -> {
            Optional<BatchRun> created = handle.createQuery("""
                            INSERT INTO batch_runs (job, arguments_key, arguments, started_by, started_at, item_count)
                            VALUES (:job, :key, CAST(:arguments AS jsonb), :startedBy, :now, :count)
                            ON CONFLICT (job, arguments_key) DO NOTHING
                            RETURNING\s""" + RUN_COLUMNS)
                    .bind("job", job).bind("key", argumentsKey).bind("arguments", arguments)
                    .bind("startedBy", startedBy).bind("now", now).bind("count", items.size())
                    .map(RUN).findOne();
            if (created.isEmpty()) {
                // the conflict waited for the creator's commit: this statement's snapshot sees its row
                return new Joined(handle.createQuery("SELECT " + RUN_COLUMNS
                                + " FROM batch_runs WHERE job = :job AND arguments_key = :key")
                        .bind("job", job).bind("key", argumentsKey).map(RUN).one(), false);
            }
            PreparedBatch insert = handle.prepareBatch(
                    "INSERT INTO batch_items (run_id, item_key, output_file) VALUES (:runId, :itemKey, :outputFile)");
            for (NewItem item : items) {
                insert.bind("runId", created.get().id()).bindMethods(item).add();
            }
            if (!items.isEmpty()) {
                insert.execute();
            }
            return new Joined(created.get(), true);
        });
    }

    public Optional<BatchRun> find(long runId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + RUN_COLUMNS + " FROM batch_runs WHERE id = :id")
                .bind("id", runId).map(RUN).findOne());
    }

    /** The other runs of {@code job} whose JSON arguments have {@code value} under {@code name}. */
    public List<BatchRun> othersWithArgument(String job, String argumentsKey, String name, String value) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + RUN_COLUMNS + """
                         FROM batch_runs
                        WHERE job = :job AND arguments_key <> :key AND arguments ->> :name = :value
                        ORDER BY id""")
                .bind("job", job).bind("key", argumentsKey).bind("name", name).bind("value", value)
                .map(RUN).list());
    }

    /**
     * The keys of the run's items that are not done, in key order, after giving the failed ones another chance:
     * what a process joining the run makes sure is scheduled.
     */
    public List<String> reopen(long runId) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("""
                            UPDATE batch_items SET status = 'PENDING', error = NULL, attempts = 0
                            WHERE run_id = :runId AND status = 'FAILED'""")
                    .bind("runId", runId).execute();
            return handle.createQuery("""
                            SELECT item_key FROM batch_items WHERE run_id = :runId AND status <> 'DONE'
                            ORDER BY item_key""")
                    .bind("runId", runId).mapTo(String.class).list();
        });
    }

    public RunCounts counts(long runId) {
        return jdbi.withHandle(handle -> counts(handle, runId));
    }

    static RunCounts counts(Handle handle, long runId) {
        return handle.createQuery("""
                        SELECT count(*) AS items,
                               count(*) FILTER (WHERE status = 'PENDING') AS pending,
                               count(*) FILTER (WHERE status = 'DONE') AS done,
                               count(*) FILTER (WHERE status = 'FAILED') AS failed,
                               coalesce(sum(pages) FILTER (WHERE status = 'DONE'), 0) AS pages
                        FROM batch_items WHERE run_id = :runId""")
                .bind("runId", runId).map(COUNTS).one();
    }

    /**
     * Locks the item's row for the rest of {@code handle}'s transaction: a second delivery of the same execution,
     * in this process or another, waits here until the first commits (then finds it done) or dies (then does it).
     */
    public Optional<BatchItem> lock(Handle handle, long runId, String itemKey) {
        return handle.createQuery("""
                        SELECT run_id, item_key, status, output_file FROM batch_items
                        WHERE run_id = :runId AND item_key = :itemKey FOR UPDATE""")
                .bind("runId", runId).bind("itemKey", itemKey).map(ITEM).findOne();
    }

    /** Records the item done, in the transaction that locked it. */
    public void recordDone(Handle handle, long runId, String itemKey, ItemResult result) {
        handle.createUpdate("""
                        UPDATE batch_items
                        SET status = 'DONE', output_file = :outputFile, size = :size, sha256 = :sha256,
                            data_digest = :dataDigest, pages = :pages, checkpoint_sequence = :checkpointSequence,
                            worker = :worker, attempts = :attempt, error = NULL, finished_at = :finishedAt
                        WHERE run_id = :runId AND item_key = :itemKey""")
                .bind("runId", runId).bind("itemKey", itemKey).bindMethods(result).execute();
    }

    /** Records the item failed after its last attempt, unless a delivery that raced this one did it meanwhile. */
    public void recordFailed(long runId, String itemKey, String worker, int attempts, String error, Instant now) {
        jdbi.useTransaction(handle -> handle.createUpdate("""
                        UPDATE batch_items
                        SET status = 'FAILED', worker = :worker, attempts = :attempts, error = :error,
                            finished_at = :now
                        WHERE run_id = :runId AND item_key = :itemKey AND status <> 'DONE'""")
                .bind("runId", runId).bind("itemKey", itemKey).bind("worker", worker).bind("attempts", attempts)
                .bind("error", error).bind("now", now).execute());
    }

    /** What finishing a run found: whether this call finished it, and the run as it now stands. */
    public record Finish(boolean finishedHere, BatchRun run, RunCounts counts) {
    }

    /** The work of the one process that finishes a run, done while it holds the run's row locked. */
    @FunctionalInterface
    public interface Finisher {
        void finish(Handle handle, BatchRun run, RunCounts counts) throws Exception;
    }

    /**
     * Finishes the run if every item is done and no one has yet: locks its row, runs {@code finisher} (which
     * writes the run's result) and marks it finished in that transaction. Processes racing here are serialised by
     * the lock; those after the first find it finished. If the finisher fails, nothing is marked and another
     * process (or a re-run) finishes it.
     */
    public Finish finishIfComplete(long runId, String worker, Instant now, Finisher finisher) {
        return jdbi.inTransaction(handle -> {
            BatchRun run = handle.createQuery("SELECT " + RUN_COLUMNS + " FROM batch_runs WHERE id = :id FOR UPDATE")
                    .bind("id", runId).map(RUN).one();
            RunCounts counts = counts(handle, runId);
            if (run.finished().isPresent() || !counts.complete()) {
                return new Finish(false, run, counts);
            }
            try {
                finisher.finish(handle, run, counts);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            handle.createUpdate("""
                            UPDATE batch_runs
                            SET finished_at = :now, finished_by = :worker, done_count = :done, failed_count = :failed,
                                page_count = :pages
                            WHERE id = :id""")
                    .bind("id", runId).bind("now", now).bind("worker", worker).bind("done", counts.done())
                    .bind("failed", counts.failed()).bind("pages", counts.pages()).execute();
            return new Finish(true, new BatchRun(run.id(), run.job(), run.argumentsKey(), run.arguments(),
                    run.startedBy(), run.startedAt(), run.itemCount(), now, worker), counts);
        });
    }
}
