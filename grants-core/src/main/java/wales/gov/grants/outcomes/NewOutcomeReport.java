package wales.gov.grants.outcomes;

import java.math.BigDecimal;

/** A recipient's figure for one of its award's outcome measures, as the API receives it. */
public record NewOutcomeReport(String measure, String periodEnd, BigDecimal value, String note) {
}
