package wales.gov.grants.service;

import java.util.List;

import wales.gov.grants.audit.RecordedEvent;
import wales.gov.grants.domain.Claim;
import wales.gov.grants.domain.ClaimAdjustment;
import wales.gov.grants.domain.Payment;
import wales.gov.grants.domain.Recovery;

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
