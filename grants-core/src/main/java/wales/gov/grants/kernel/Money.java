package wales.gov.grants.kernel;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * An amount of money in pounds sterling, held as whole pence.
 * Never negative; the largest amount is £999,999,999,999.99.
 */
public record Money(long pence) implements Comparable<Money> {
    public static final Money ZERO = new Money(0);
    public static final long MAX_PENCE = 99_999_999_999_999L;

    private static final Pattern DECIMAL = Pattern.compile("^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?$");
    private static final Pattern CURRENCY_SIGN = Pattern.compile("\\p{Sc}|GBP|gbp");

    public Money {
        if (pence < 0 || pence > MAX_PENCE) {
            throw new IllegalArgumentException("pence out of range: " + pence);
        }
    }

    public static Money ofPence(long pence) {
        return new Money(pence);
    }

    public static Money ofPounds(long pounds) {
        return new Money(Math.multiplyExact(pounds, 100L));
    }

    /**
     * The one parser of the API's money strings: pounds with up to two decimal places, e.g. {@code "2300000.00"}.
     *
     * @throws InvalidMoneyException naming what is wrong, for the field it came from
     */
    public static Money parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidMoneyException("is required, as a decimal string in pounds such as \"1250.00\"");
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("-")) {
            throw new InvalidMoneyException("must not be negative");
        }
        if (!DECIMAL.matcher(trimmed).matches()) {
            if (trimmed.matches("^[0-9]+\\.[0-9]{3,}$")) {
                throw new InvalidMoneyException("must have at most two decimal places");
            }
            if (trimmed.matches("^[0-9]{13,}(\\.[0-9]*)?$")) {
                throw new InvalidMoneyException("must not be more than 999999999999.99");
            }
            if (trimmed.matches("^[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]*)?$")) {
                throw new InvalidMoneyException("must not group thousands with commas: write "
                        + trimmed.replace(",", "") + ", not " + trimmed);
            }
            if (CURRENCY_SIGN.matcher(trimmed).find()) {
                throw new InvalidMoneyException("must be a number of pounds without a currency sign or code, "
                        + "such as \"5.00\"");
            }
            throw new InvalidMoneyException("must be a decimal string in pounds such as \"1250.00\"");
        }
        return new Money(new BigDecimal(trimmed).movePointRight(2).longValueExact());
    }

    /** Parses an amount that must be more than zero. */
    public static Money parsePositive(String text) {
        Money money = parse(text);
        if (money.isZero()) {
            throw new InvalidMoneyException("must be more than zero");
        }
        return money;
    }

    /** The one formatter: pounds with exactly two decimal places and no grouping, e.g. {@code "2300000.00"}. */
    public String toDecimalString() {
        return BigDecimal.valueOf(pence, 2).toPlainString();
    }

    public boolean isZero() {
        return pence == 0;
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(pence, other.pence));
    }

    /** @throws IllegalArgumentException if the result would be negative */
    public Money minus(Money other) {
        return new Money(Math.subtractExact(pence, other.pence));
    }

    /** The difference, or zero when {@code other} is larger. */
    public Money minusOrZero(Money other) {
        return pence >= other.pence ? new Money(pence - other.pence) : ZERO;
    }

    public boolean isGreaterThan(Money other) {
        return pence > other.pence;
    }

    public boolean isAtLeast(Money other) {
        return pence >= other.pence;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(pence, other.pence);
    }

    @Override
    public String toString() {
        return "£" + toDecimalString();
    }

    /** A money string that cannot be parsed; the message completes "amount ...". */
    public static final class InvalidMoneyException extends IllegalArgumentException {
        public InvalidMoneyException(String message) {
            super(message);
        }
    }
}
