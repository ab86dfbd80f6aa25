package wales.gov.grants.claims;

import java.time.Instant;
import java.util.List;

import wales.gov.grants.kernel.UserId;

import static java.util.Objects.requireNonNull;

/**
 * One finance officer's approval of a claim; a claim at or above the dual approval threshold needs two. Made under
 * a delegation it names both people: the approver and the officer on whose behalf they approved, and each of the
 * two counts as having given it. An approval of a claim with double-funding warnings records which findings the
 * approver acknowledged, and why.
 *
 * @param onBehalfOfId the delegator, or null for an approval in the approver's own right
 * @param acknowledgedWarnings the {@link ClaimWarning#key() keys} acknowledged; empty when there were none
 * @param acknowledgementReason why the approver approved despite them, or null
 */
public record ClaimApproval(UserId approverId, String approverUsername, Instant approvedAt, UserId onBehalfOfId,
                            String onBehalfOfUsername, List<String> acknowledgedWarnings,
                            String acknowledgementReason) {
    public ClaimApproval {
        requireNonNull(approverId, "approverId is null");
        requireNonNull(approverUsername, "approverUsername is null");
        requireNonNull(approvedAt, "approvedAt is null");
        if ((onBehalfOfId == null) != (onBehalfOfUsername == null)) {
            throw new IllegalArgumentException("a delegated approval names the delegator by id and username");
        }
        acknowledgedWarnings = List.copyOf(acknowledgedWarnings);
    }

    /** An approval in the approver's own right, acknowledging nothing. */
    public ClaimApproval(UserId approverId, String approverUsername, Instant approvedAt) {
        this(approverId, approverUsername, approvedAt, null, null, List.of(), null);
    }

    /** Whether {@code user} gave this approval, in person or through a delegate. */
    public boolean givenBy(UserId user) {
        return approverId.equals(user) || user.equals(onBehalfOfId);
    }
}
