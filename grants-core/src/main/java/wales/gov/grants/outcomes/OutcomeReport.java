package wales.gov.grants.outcomes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import wales.gov.grants.kernel.AwardId;

import static java.util.Objects.requireNonNull;

/** An actual figure for one outcome measure of an award, for the period ending {@code periodEnd}. */
public record OutcomeReport(
        UUID id,
        AwardId awardId,
        String measure,
        LocalDate periodEnd,
        BigDecimal value,
        String note,
        String reportedBy,
        Instant reportedAt) {
    public OutcomeReport {
        requireNonNull(id, "id is null");
        requireNonNull(awardId, "awardId is null");
        requireNonNull(measure, "measure is null");
        requireNonNull(periodEnd, "periodEnd is null");
        requireNonNull(value, "value is null");
        requireNonNull(reportedBy, "reportedBy is null");
        requireNonNull(reportedAt, "reportedAt is null");
    }
}
