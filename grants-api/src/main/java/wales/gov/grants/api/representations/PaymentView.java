package wales.gov.grants.api.representations;

import com.fasterxml.jackson.annotation.JsonInclude;
import wales.gov.grants.claims.Payment;
import wales.gov.grants.claims.PaymentResult;

/** A payment; when just recorded, also the claim's status and paid total after it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentView(String id, String claimId, String amount, String paidOn, String reference,
                          String recordedBy, String recordedAt, String claimStatus, String claimPaid) {
    public static PaymentView of(Payment payment) {
        return new PaymentView(payment.id().toString(), payment.claimId().toString(),
                payment.amount().toDecimalString(), payment.paidOn().toString(), payment.reference(),
                payment.recordedBy(), payment.recordedAt().toString(), null, null);
    }

    public static PaymentView of(PaymentResult result) {
        PaymentView payment = of(result.payment());
        return new PaymentView(payment.id(), payment.claimId(), payment.amount(), payment.paidOn(),
                payment.reference(), payment.recordedBy(), payment.recordedAt(), result.claim().status().name(),
                result.claim().paid().toDecimalString());
    }
}
