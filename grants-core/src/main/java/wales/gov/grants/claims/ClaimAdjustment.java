package wales.gov.grants.claims;

import java.time.Instant;
import java.util.UUID;

import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.Money;

import static java.util.Objects.requireNonNull;

/** A reduction of a claim's eligible amount after approval, e.g. after an audit finding. */
public record ClaimAdjustment(UUID id, ClaimId claimId, Money amount, String reason, Money eligibleBefore,
                              Money eligibleAfter, String madeBy, Instant madeAt) {
    public ClaimAdjustment {
        requireNonNull(id, "id is null");
        requireNonNull(claimId, "claimId is null");
        requireNonNull(amount, "amount is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(eligibleBefore, "eligibleBefore is null");
        requireNonNull(eligibleAfter, "eligibleAfter is null");
        requireNonNull(madeBy, "madeBy is null");
        requireNonNull(madeAt, "madeAt is null");
    }
}
