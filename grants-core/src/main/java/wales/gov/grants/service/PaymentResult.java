package wales.gov.grants.service;

import wales.gov.grants.domain.Claim;
import wales.gov.grants.domain.Payment;

import static java.util.Objects.requireNonNull;

/** A payment as recorded and the claim after it (PAID once fully paid). */
public record PaymentResult(Payment payment, Claim claim) {
    public PaymentResult {
        requireNonNull(payment, "payment is null");
        requireNonNull(claim, "claim is null");
    }
}
