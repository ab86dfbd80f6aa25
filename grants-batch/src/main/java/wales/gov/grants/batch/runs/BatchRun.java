package wales.gov.grants.batch.runs;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One run of a job on one set of arguments, shared by every process started with them. {@code finishedAt} is set
 * once every item is done and the run's result written; a finished run is never done again.
 */
public record BatchRun(long id, String job, String argumentsKey, String arguments, String startedBy,
                       Instant startedAt, int itemCount, Instant finishedAt, String finishedBy) {
    public BatchRun {
        requireNonNull(job, "job is null");
        requireNonNull(argumentsKey, "argumentsKey is null");
        requireNonNull(arguments, "arguments is null");
        requireNonNull(startedBy, "startedBy is null");
        requireNonNull(startedAt, "startedAt is null");
    }

    public Optional<Instant> finished() {
        return Optional.ofNullable(finishedAt);
    }
}
