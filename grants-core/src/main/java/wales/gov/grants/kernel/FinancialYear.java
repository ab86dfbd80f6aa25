package wales.gov.grants.kernel;

import java.time.LocalDate;
import java.time.Month;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A UK government financial year, 1 April to 31 March, written {@code 2019-20}. */
public record FinancialYear(int startYear) {
    private static final Pattern TEXT = Pattern.compile("^([0-9]{4})-([0-9]{2})$");

    public FinancialYear {
        if (startYear < 2000 || startYear > 2098) {
            throw new IllegalArgumentException("financial year out of range: " + startYear);
        }
    }

    public static FinancialYear parse(String text) {
        Matcher matcher = text == null ? null : TEXT.matcher(text.strip());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("must be a financial year such as \"2019-20\"");
        }
        int start = Integer.parseInt(matcher.group(1));
        int end = Integer.parseInt(matcher.group(2));
        if ((start + 1) % 100 != end) {
            throw new IllegalArgumentException("must name two consecutive years, such as \"2019-20\"");
        }
        if (start < 2000 || start > 2098) {
            throw new IllegalArgumentException("must be between 2000-01 and 2098-99");
        }
        return new FinancialYear(start);
    }

    public static FinancialYear containing(LocalDate date) {
        return new FinancialYear(date.getMonthValue() >= Month.APRIL.getValue() ? date.getYear() : date.getYear() - 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(startYear, Month.APRIL, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(startYear + 1, Month.MARCH, 31);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
    }

    @Override
    public String toString() {
        return String.format("%d-%02d", startYear, (startYear + 1) % 100);
    }
}
