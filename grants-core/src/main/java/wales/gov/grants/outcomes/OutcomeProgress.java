package wales.gov.grants.outcomes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import wales.gov.grants.awards.OutcomeTarget;

import static java.util.Objects.requireNonNull;

/**
 * One target with every report against it. A period reported twice counts once, with its latest figure (a
 * correction); the total is the sum of those latest figures and the variance is total minus target (negative
 * means short of the target).
 */
public record OutcomeProgress(OutcomeTarget target, List<OutcomeReport> reports) {
    public OutcomeProgress {
        requireNonNull(target, "target is null");
        reports = List.copyOf(reports);
    }

    /** The report that counts for each period, in period order. */
    public List<OutcomeReport> latestPerPeriod() {
        Map<LocalDate, OutcomeReport> latest = new LinkedHashMap<>();
        reports.stream()
                .sorted(Comparator.comparing(OutcomeReport::periodEnd).thenComparing(OutcomeReport::reportedAt)
                        .thenComparing(report -> report.id().toString()))
                .forEach(report -> latest.put(report.periodEnd(), report));
        return List.copyOf(latest.values());
    }

    public boolean counts(OutcomeReport report) {
        return latestPerPeriod().contains(report);
    }

    public BigDecimal total() {
        return latestPerPeriod().stream().map(OutcomeReport::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal variance() {
        return total().subtract(target.target());
    }
}
