package wales.gov.grants.claims;

import static java.util.Objects.requireNonNull;

/** A payment as recorded and the claim after it (PAID once fully paid). */
public record PaymentResult(Payment payment, Claim claim) {
    public PaymentResult {
        requireNonNull(payment, "payment is null");
        requireNonNull(claim, "claim is null");
    }
}
