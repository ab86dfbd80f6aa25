package wales.gov.grants.awards;

import java.math.BigDecimal;
import java.util.List;

/** A grant manager's request for an award, as received: every field is checked by {@link AwardService}. */
public record NewAward(
        String schemeId,
        String organisationId,
        String amount,
        List<String> conditions,
        List<NewOutcomeTarget> outcomeTargets) {

    public record NewOutcomeTarget(String measure, String description, BigDecimal target) {
    }
}
