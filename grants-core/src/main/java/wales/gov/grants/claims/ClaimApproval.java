package wales.gov.grants.claims;

import java.time.Instant;

import wales.gov.grants.kernel.UserId;

import static java.util.Objects.requireNonNull;

/** One finance officer's approval of a claim; a claim at or above the dual approval threshold needs two. */
public record ClaimApproval(UserId approverId, String approverUsername, Instant approvedAt) {
    public ClaimApproval {
        requireNonNull(approverId, "approverId is null");
        requireNonNull(approverUsername, "approverUsername is null");
        requireNonNull(approvedAt, "approvedAt is null");
    }
}
