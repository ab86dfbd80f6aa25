package wales.gov.grants.api.representations;

import java.math.BigDecimal;
import java.util.List;

import wales.gov.grants.outcomes.OutcomeProgress;
import wales.gov.grants.outcomes.OutcomeReport;

/** An award's outcome targets with the figures reported against them. */
public record OutcomesView(String awardId, List<TargetProgressView> targets) {

    /** {@code total} sums the latest figure of each period; {@code variance} is total minus target. */
    public record TargetProgressView(String measure, String description, Number target, Number total,
                                     Number variance, List<ReportView> actuals) {
        static TargetProgressView of(OutcomeProgress progress) {
            return new TargetProgressView(progress.target().measure(), progress.target().description(),
                    number(progress.target().target()), number(progress.total()), number(progress.variance()),
                    progress.reports().stream().map(report -> ReportView.of(report, progress.counts(report)))
                            .toList());
        }
    }

    /** One reported figure; {@code counts} is false once a later report for the same period has corrected it. */
    public record ReportView(String id, String measure, String periodEnd, Number value, String note,
                             String reportedBy, String reportedAt, boolean counts) {
        public static ReportView of(OutcomeReport report, boolean counts) {
            return new ReportView(report.id().toString(), report.measure(), report.periodEnd().toString(),
                    number(report.value()), report.note(), report.reportedBy(), report.reportedAt().toString(),
                    counts);
        }
    }

    public static OutcomesView of(String awardId, List<OutcomeProgress> progress) {
        return new OutcomesView(awardId, progress.stream().map(TargetProgressView::of).toList());
    }

    static BigDecimal number(BigDecimal value) {
        return new BigDecimal(value.stripTrailingZeros().toPlainString());
    }
}
