package wales.gov.grants.claims;

import java.util.List;

/** A recipient's claim as received: every field is checked by {@link ClaimService}. */
public record NewClaim(String periodStart, String periodEnd, List<NewClaimLine> lines) {

    public record NewClaimLine(String category, String description, String amount) {
    }
}
