package wales.gov.grants.reminders;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import wales.gov.grants.kernel.FinancialYear;

import static java.util.Objects.requireNonNull;

/**
 * A claim period: awards record no schedule of their own, so an ACTIVE award is claimed in arrears by quarter of
 * its scheme's financial year (April–June, July–September, October–December, January–March), as the demo's
 * stories and the published programmes do.
 */
record ClaimQuarter(FinancialYear year, int number) {
    ClaimQuarter {
        requireNonNull(year, "year is null");
        if (number < 1 || number > 4) {
            throw new IllegalArgumentException("a quarter is numbered 1 to 4, not " + number);
        }
    }

    static List<ClaimQuarter> of(FinancialYear year) {
        return IntStream.rangeClosed(1, 4).mapToObj(number -> new ClaimQuarter(year, number)).toList();
    }

    LocalDate start() {
        return year.firstDay().plusMonths(3L * (number - 1));
    }

    LocalDate end() {
        return start().plusMonths(3).minusDays(1);
    }

    boolean overlaps(LocalDate periodStart, LocalDate periodEnd) {
        return !periodEnd.isBefore(start()) && !periodStart.isAfter(end());
    }

    /** {@code 2019-20 Q1}: the reminder's period. */
    String label() {
        return year + " Q" + number;
    }
}
