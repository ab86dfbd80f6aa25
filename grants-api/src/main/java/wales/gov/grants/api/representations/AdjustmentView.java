package wales.gov.grants.api.representations;

import com.fasterxml.jackson.annotation.JsonInclude;
import wales.gov.grants.claims.AdjustmentResult;
import wales.gov.grants.claims.ClaimAdjustment;

/** A downward adjustment of a claim; when just made, also the claim's status and any recovery it raised. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdjustmentView(String id, String claimId, String amount, String reason, String eligibleBefore,
                             String eligibleAfter, String madeBy, String madeAt, String claimStatus,
                             RecoveryView recovery) {
    public static AdjustmentView of(ClaimAdjustment adjustment) {
        return new AdjustmentView(adjustment.id().toString(), adjustment.claimId().toString(),
                adjustment.amount().toDecimalString(), adjustment.reason(),
                adjustment.eligibleBefore().toDecimalString(), adjustment.eligibleAfter().toDecimalString(),
                adjustment.madeBy(), adjustment.madeAt().toString(), null, null);
    }

    public static AdjustmentView of(AdjustmentResult result) {
        AdjustmentView adjustment = of(result.adjustment());
        return new AdjustmentView(adjustment.id(), adjustment.claimId(), adjustment.amount(), adjustment.reason(),
                adjustment.eligibleBefore(), adjustment.eligibleAfter(), adjustment.madeBy(), adjustment.madeAt(),
                result.claim().status().name(), result.raisedRecovery().map(RecoveryView::of).orElse(null));
    }
}
