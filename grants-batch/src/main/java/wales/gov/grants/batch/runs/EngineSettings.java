package wales.gov.grants.batch.runs;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How the jobs drive db-scheduler. A worker that dies (kill -9, a lost machine) stops beating; its picked
 * executions are revived once their heartbeat is {@code heartbeatInterval × missedHeartbeatsLimit} old, which every
 * scheduler checks every two heartbeat intervals: with {@link #DEFAULT} within 40 to 60 seconds, not db-scheduler's
 * default half hour. A failed item is tried again after {@code retryAfter}, {@code maxAttempts} times in all.
 * {@code progressEvery} is how often a process reads the run's totals from the database.
 */
public record EngineSettings(Duration heartbeatInterval, int missedHeartbeatsLimit, Duration pollingInterval,
                             Duration retryAfter, int maxAttempts, Duration progressEvery) {
    public static final EngineSettings DEFAULT = new EngineSettings(Duration.ofSeconds(10), 4, Duration.ofSeconds(2),
            Duration.ofSeconds(5), 3, Duration.ofSeconds(1));

    public EngineSettings {
        requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        requireNonNull(pollingInterval, "pollingInterval is null");
        requireNonNull(retryAfter, "retryAfter is null");
        requireNonNull(progressEvery, "progressEvery is null");
        if (missedHeartbeatsLimit < 4) {
            throw new IllegalArgumentException("db-scheduler needs at least 4 missed heartbeats, not "
                    + missedHeartbeatsLimit);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** How old a heartbeat is when its execution is taken to be a dead worker's. */
    public Duration deadAfter() {
        return heartbeatInterval.multipliedBy(missedHeartbeatsLimit);
    }
}
