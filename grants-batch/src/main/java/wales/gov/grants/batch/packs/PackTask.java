package wales.gov.grants.batch.packs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wales.gov.grants.batch.runs.BatchItem;
import wales.gov.grants.batch.runs.BatchRun;
import wales.gov.grants.batch.runs.BatchRuns;
import wales.gov.grants.batch.runs.EngineSettings;
import wales.gov.grants.batch.runs.ItemResult;
import wales.gov.grants.batch.runs.OutputFiles;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.packs.ChainStatus;

import static java.util.Objects.requireNonNull;

/**
 * The db-scheduler task that makes one pack: {@link AuditPackService#awardPack}, the same call and so the same bytes
 * as the API's download, moved into the run's output directory under its final name in one rename, and recorded in
 * {@code batch_items} in the transaction that holds the item's row locked (on a Jdbi of its own, so the pack's
 * snapshot is not nested in it). Delivery is at least once: an execution
 * delivered again (its worker was thought dead, or died after recording) waits for the lock and skips an item that
 * is done. A failure is retried after {@link EngineSettings#retryAfter()}; after the last attempt the item is
 * recorded FAILED with its reason and the execution ends.
 */
final class PackTask {
    static final String NAME = "audit-pack";
    private static final Logger LOG = LoggerFactory.getLogger(PackTask.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a task tells the process it runs in, for the progress shown. */
    interface Listener {
        void done(PackItem item, int pages);

        void skipped(PackItem item);

        void failed(PackItem item, String error);
    }

    private final Jdbi jdbi;
    private final BatchRuns runs;
    private final AuditPackService packs;
    private final Actor actor;
    private final Clock clock;
    private final EngineSettings settings;
    private final String worker;
    private final Listener listener;
    private final Map<Long, OutputFiles> outputs = new ConcurrentHashMap<>();

    PackTask(Jdbi jdbi, BatchRuns runs, AuditPackService packs, Actor actor, Clock clock, EngineSettings settings,
             String worker, Listener listener) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.packs = requireNonNull(packs, "packs is null");
        this.actor = requireNonNull(actor, "actor is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.worker = requireNonNull(worker, "worker is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    OneTimeTask<Void> task() {
        return Tasks.oneTime(NAME, Void.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(settings.retryAfter()))
                .execute(this::execute);
    }

    static TaskInstance<Void> instance(PackItem item) {
        return new TaskInstance<>(NAME, item.instanceId());
    }

    private void execute(TaskInstance<Void> instance, ExecutionContext context) {
        PackItem item = PackItem.ofInstanceId(instance.getId());
        int attempt = context.getExecution().consecutiveFailures + 1;
        try {
            Optional<ItemResult> result = jdbi.inTransaction(handle -> {
                Optional<BatchItem> locked = runs.lock(handle, item.runId(), item.itemKey());
                if (locked.isEmpty() || locked.get().done()) {
                    return Optional.<ItemResult>empty();
                }
                ItemResult made = make(item, locked.get().outputFile(), attempt);
                runs.recordDone(handle, item.runId(), item.itemKey(), made);
                return Optional.of(made);
            });
            if (result.isPresent()) {
                listener.done(item, result.get().pages());
            } else {
                listener.skipped(item);
            }
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            if (attempt < settings.maxAttempts()) {
                LOG.warn("pack {} failed (attempt {} of {}), to be tried again: {}", item.itemKey(), attempt,
                        settings.maxAttempts(), reason);
                throw e;
            }
            LOG.error("pack {} failed after {} attempts: {}", item.itemKey(), attempt, reason, e);
            runs.recordFailed(item.runId(), item.itemKey(), worker, attempt, reason, clock.instant());
            listener.failed(item, reason);
        }
    }

    private ItemResult make(PackItem item, String outputFile, int attempt) {
        OutputFiles output = outputs.computeIfAbsent(item.runId(), this::outputOf);
        try (AuditPackService.Pack pack = packs.awardPack(actor, item.awardId(), item.language())) {
            output.publish(pack.file(), outputFile);
            return new ItemResult(outputFile, pack.size(), pack.sha256(), pack.dataDigest(), pack.pages(),
                    pack.checkpoint().map(ChainStatus.SignedCheckpoint::sequence).orElse(null), worker, attempt,
                    clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + outputFile + ": " + e.getMessage(), e);
        }
    }

    /** The run's output directory, from its arguments: any process may do any run's items. */
    private OutputFiles outputOf(long runId) {
        BatchRun run = runs.find(runId).orElseThrow(() -> new IllegalStateException("no batch run " + runId));
        try {
            JsonNode arguments = JSON.readTree(run.arguments());
            return new OutputFiles(Path.of(arguments.path("out").asText()), worker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the arguments of run " + runId, e);
        }
    }
}
