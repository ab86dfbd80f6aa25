package wales.gov.grants.claims;

/** A finance officer's record of a payment as received: every field is checked by {@link ClaimService}. */
public record NewPayment(String amount, String paidOn, String reference) {
}
