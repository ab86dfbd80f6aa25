package wales.gov.grants.api.representations;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import wales.gov.grants.claims.ClaimDetails;

/** One claim with its payments, adjustments, recoveries and history (its audit trail, oldest first). */
public record ClaimDetailView(
        @JsonUnwrapped ClaimView claim,
        List<PaymentView> payments,
        List<AdjustmentView> adjustments,
        List<RecoveryView> recoveries,
        List<AuditEventView> history) {

    public static ClaimDetailView of(ClaimDetails details) {
        return new ClaimDetailView(ClaimView.of(details.claim()),
                details.payments().stream().map(PaymentView::of).toList(),
                details.adjustments().stream().map(AdjustmentView::of).toList(),
                details.recoveries().stream().map(RecoveryView::of).toList(),
                details.history().stream().map(AuditEventView::of).toList());
    }
}
