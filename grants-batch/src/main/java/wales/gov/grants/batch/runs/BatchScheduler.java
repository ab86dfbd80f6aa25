package wales.gov.grants.batch.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;

import static java.util.Objects.requireNonNull;

/**
 * One process's db-scheduler: {@code threads} worker threads claiming due executions of the given tasks from
 * {@code scheduled_tasks} with the single-statement lock-and-fetch poll ({@code UPDATE ... FOR UPDATE SKIP
 * LOCKED}), at most one per idle thread, so a process never hoards work that would wait for its death to be
 * noticed; and heartbeats as {@link EngineSettings} says. Its name is the worker name recorded on what it picks and
 * does.
 */
public final class BatchScheduler implements AutoCloseable {
    private final Scheduler scheduler;

    private BatchScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public static BatchScheduler start(DataSource dataSource, EngineSettings settings, String worker, int threads,
                                       List<Task<?>> tasks) {
        requireNonNull(worker, "worker is null");
        Scheduler scheduler = Scheduler.create(dataSource, tasks)
                .schedulerName(new SchedulerName.Fixed(worker))
                .threads(threads)
                .pollUsingLockAndFetch(0.5, 1.0)
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeatsLimit())
                .enableImmediateExecution()
                // a run's executions are never left for another version of the job to find
                .deleteUnresolvedAfter(Duration.ofDays(365))
                .shutdownMaxWait(Duration.ofMinutes(1))
                .build();
        scheduler.start();
        return new BatchScheduler(scheduler);
    }

    /** Schedules the execution unless it exists (picked, or waiting): every process joining a run may call it. */
    public <T> boolean scheduleIfNotExists(TaskInstance<T> instance, Instant executionTime) {
        return scheduler.scheduleIfNotExists(instance, executionTime);
    }

    /** Stops claiming work and waits for the executions in progress here. */
    @Override
    public void close() {
        scheduler.stop();
    }
}
