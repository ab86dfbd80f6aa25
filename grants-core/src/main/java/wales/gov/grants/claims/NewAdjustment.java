package wales.gov.grants.claims;

/** A finance officer's downward adjustment of a claim as received: checked by {@link ClaimService}. */
public record NewAdjustment(String amount, String reason) {
}
