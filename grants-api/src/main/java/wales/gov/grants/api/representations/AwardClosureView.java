package wales.gov.grants.api.representations;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import wales.gov.grants.awards.AwardClosure;

/** A just-closed award (with its recorded underspend), the recoveries still open and the claims left unfinished. */
public record AwardClosureView(@JsonUnwrapped AwardView award, List<RecoveryView> openRecoveries,
                               long unfinishedClaims) {
    public static AwardClosureView of(AwardClosure closure) {
        return new AwardClosureView(AwardView.of(closure.award()),
                closure.openRecoveries().stream().map(RecoveryView::of).toList(), closure.unfinishedClaims());
    }
}
