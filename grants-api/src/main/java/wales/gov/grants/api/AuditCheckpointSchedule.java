package wales.gov.grants.api;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wales.gov.grants.audit.AuditCheckpoints;

import static java.util.Objects.requireNonNull;

/**
 * Asks for a signed checkpoint every interval while the server runs; one is written only if a chain grew, and only
 * by one server at a time. A failure is logged and the next tick tries again.
 */
final class AuditCheckpointSchedule implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointSchedule.class);

    private final AuditCheckpoints checkpoints;
    private final Duration interval;
    private ScheduledExecutorService executor;

    AuditCheckpointSchedule(AuditCheckpoints checkpoints, Duration interval) {
        this.checkpoints = requireNonNull(checkpoints, "checkpoints is null");
        this.interval = requireNonNull(interval, "interval is null");
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::checkpoint, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void checkpoint() {
        try {
            checkpoints.writeIfDue().ifPresent(checkpoint -> LOG.debug("Audit checkpoint {} signed {} chain(s)",
                    checkpoint.sequence(), checkpoint.chains().size()));
        } catch (RuntimeException e) {
            LOG.warn("Audit checkpoint failed; the next one is due in {}", interval, e);
        }
    }
}
