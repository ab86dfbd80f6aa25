package wales.gov.grants.api.representations;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import wales.gov.grants.audit.RecordedEvent;
import wales.gov.grants.service.ClaimDetails;

/** One claim with its payments, adjustments, recoveries and history (its audit trail, oldest first). */
public record ClaimDetailView(
        @JsonUnwrapped ClaimView claim,
        List<PaymentView> payments,
        List<AdjustmentView> adjustments,
        List<RecoveryView> recoveries,
        List<HistoryView> history) {

    public record HistoryView(long eventId, String at, String action, String by, String role,
                              Map<String, Object> before, Map<String, Object> after, Map<String, Object> details) {
        static HistoryView of(RecordedEvent event) {
            return new HistoryView(event.id(), event.occurredAt().toString(), event.action(), event.actorUsername(),
                    event.actorRole(), event.before(), event.after(), event.details());
        }
    }

    public static ClaimDetailView of(ClaimDetails details) {
        return new ClaimDetailView(ClaimView.of(details.claim()),
                details.payments().stream().map(PaymentView::of).toList(),
                details.adjustments().stream().map(AdjustmentView::of).toList(),
                details.recoveries().stream().map(RecoveryView::of).toList(),
                details.history().stream().map(HistoryView::of).toList());
    }
}
