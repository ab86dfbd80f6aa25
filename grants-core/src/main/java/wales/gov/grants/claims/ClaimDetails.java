package wales.gov.grants.claims;

import java.util.List;

import wales.gov.grants.audit.RecordedEvent;
import wales.gov.grants.recoveries.Recovery;

import static java.util.Objects.requireNonNull;

/** A claim with everything that happened to it: payments, adjustments, recoveries and its audit trail. */
public record ClaimDetails(Claim claim, List<Payment> payments, List<ClaimAdjustment> adjustments,
                           List<Recovery> recoveries, List<RecordedEvent> history) {
    public ClaimDetails {
        requireNonNull(claim, "claim is null");
        payments = List.copyOf(payments);
        adjustments = List.copyOf(adjustments);
        recoveries = List.copyOf(recoveries);
        history = List.copyOf(history);
    }
}
