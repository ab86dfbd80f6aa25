package wales.gov.grants.awards;

import wales.gov.grants.kernel.StateConflictException;

import static java.util.Objects.requireNonNull;

/** A close asked to keep the award open while claims are unfinished found some (409). */
public final class UnfinishedClaimsException extends StateConflictException {
    private final UnfinishedClaims claims;

    public UnfinishedClaimsException(Award award, UnfinishedClaims claims) {
        super("award-has-unfinished-claims", "award " + award.id() + " was left open: its claims are not finished: "
                + claims.describe());
        this.claims = requireNonNull(claims, "claims is null");
    }

    public UnfinishedClaims claims() {
        return claims;
    }
}
