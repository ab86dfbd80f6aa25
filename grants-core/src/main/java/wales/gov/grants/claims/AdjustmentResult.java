package wales.gov.grants.claims;

import java.util.Optional;

import wales.gov.grants.recoveries.Recovery;

import static java.util.Objects.requireNonNull;

/** An adjustment as recorded, the claim after it, and the recovery it raised when more had been paid. */
public record AdjustmentResult(ClaimAdjustment adjustment, Claim claim, Recovery recovery) {
    public AdjustmentResult {
        requireNonNull(adjustment, "adjustment is null");
        requireNonNull(claim, "claim is null");
    }

    public Optional<Recovery> raisedRecovery() {
        return Optional.ofNullable(recovery);
    }
}
