package wales.gov.grants.api.representations;

import java.util.List;

import wales.gov.grants.audit.AuditProblem;
import wales.gov.grants.audit.AuditVerification;

/**
 * The result of {@code GET /audit/verify}: {@code firstBrokenEventId} and {@code latestCheckpoint} are null when
 * there is none; {@code problems} says what is wrong where (the first 100).
 */
public record AuditVerificationView(boolean valid, long eventsChecked, long chainsChecked, Long firstBrokenEventId,
                                    CheckpointView latestCheckpoint, List<ProblemView> problems) {
    public static AuditVerificationView of(AuditVerification verification) {
        return new AuditVerificationView(verification.valid(), verification.eventsChecked(),
                verification.chainsChecked(),
                verification.firstBrokenEventId().isPresent() ? verification.firstBrokenEventId().getAsLong() : null,
                verification.latestCheckpoint().map(checkpoint -> new CheckpointView(checkpoint.sequence(),
                        checkpoint.at().toString(), checkpoint.keyId())).orElse(null),
                verification.problems().stream().map(ProblemView::of).toList());
    }

    public record CheckpointView(long sequence, String at, String keyId) {
    }

    public record ProblemView(String chainId, Long eventId, String description) {
        static ProblemView of(AuditProblem problem) {
            return new ProblemView(problem.chainId(), problem.eventId(), problem.description());
        }
    }
}
