package wales.gov.grants.api.representations;

import java.time.Instant;
import java.util.List;

import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimApproval;
import wales.gov.grants.claims.ClaimLine;
import wales.gov.grants.kernel.UserId;

/** A claim as the API shows it: amount is the sum of the lines, eligible what finance approved, less adjustments. */
public record ClaimView(
        String id,
        String awardId,
        String schemeId,
        String organisationId,
        String periodStart,
        String periodEnd,
        String status,
        String amount,
        String eligible,
        String paid,
        String payable,
        List<LineView> lines,
        List<ApprovalView> approvals,
        String createdBy,
        String createdAt,
        String submittedBy,
        String submittedAt,
        String decidedBy,
        String decidedAt,
        String rejectionReason,
        String queryQuestion) {

    public record LineView(String category, String description, String amount) {
        static LineView of(ClaimLine line) {
            return new LineView(line.category(), line.description(), line.amount().toDecimalString());
        }
    }

    /** onBehalfOf: the delegator whose authority the approver used, absent for an approval in their own right. */
    public record ApprovalView(String by, String byUserId, String at, String onBehalfOf, String onBehalfOfUserId) {
        static ApprovalView of(ClaimApproval approval) {
            return new ApprovalView(approval.approverUsername(), approval.approverId().toString(),
                    approval.approvedAt().toString(), approval.onBehalfOfUsername(), text(approval.onBehalfOfId()));
        }
    }

    public static ClaimView of(Claim claim) {
        return new ClaimView(claim.id().toString(), claim.awardId().toString(), claim.schemeId().toString(),
                claim.organisationId().toString(), claim.periodStart().toString(), claim.periodEnd().toString(),
                claim.status().name(), claim.amount().toDecimalString(), claim.eligible().toDecimalString(),
                claim.paid().toDecimalString(), claim.payable().toDecimalString(),
                claim.lines().stream().map(LineView::of).toList(),
                claim.approvals().stream().map(ApprovalView::of).toList(), text(claim.createdBy()),
                text(claim.createdAt()), text(claim.submittedBy()), text(claim.submittedAt()),
                text(claim.decidedBy()), text(claim.decidedAt()), claim.rejectionReason(), claim.queryQuestion());
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static String text(UserId user) {
        return user == null ? null : user.toString();
    }
}
