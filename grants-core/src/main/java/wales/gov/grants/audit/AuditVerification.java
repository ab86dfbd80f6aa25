package wales.gov.grants.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * The result of recomputing the chains and checking the signed checkpoints. {@code firstBrokenEventId} is the
 * lowest event id any problem names: for a deleted event, the id the chain's head or a checkpoint recorded for it.
 * {@code problems} holds the first {@value AuditVerifier#MAX_PROBLEMS} found.
 */
public record AuditVerification(boolean valid, long eventsChecked, long chainsChecked, OptionalLong firstBrokenEventId,
                                List<AuditProblem> problems, Optional<CheckpointSummary> latestCheckpoint) {
    public AuditVerification {
        requireNonNull(firstBrokenEventId, "firstBrokenEventId is null");
        problems = List.copyOf(problems);
        requireNonNull(latestCheckpoint, "latestCheckpoint is null");
    }

    /** The latest checkpoint verification saw (for one chain: the latest that signed it). */
    public record CheckpointSummary(long sequence, Instant at, String keyId) {
        public CheckpointSummary {
            requireNonNull(at, "at is null");
            requireNonNull(keyId, "keyId is null");
        }
    }
}
