package wales.gov.grants.packs;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.ResourceBundle;

import wales.gov.grants.kernel.Money;

import static java.util.Objects.requireNonNull;

/**
 * The words of a pack in one language, from the {@code messages} bundle (Welsh falls back to English for a missing
 * key, and a test keeps every English key translated), and how values are written: money as {@code £1,234.56},
 * dates as {@code 30 September 2019} or {@code 30 Medi 2019}, times in UTC.
 */
public final class PackText {
    private static final String BUNDLE = "wales.gov.grants.packs.messages";

    private final PackLanguage language;
    private final ResourceBundle messages;

    public PackText(PackLanguage language) {
        this.language = requireNonNull(language, "language is null");
        this.messages = ResourceBundle.getBundle(BUNDLE, language.locale(), PackText.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The bundle of a language, for the test that every English key has a Welsh one. */
    static ResourceBundle bundle(PackLanguage language) {
        return new PackText(language).messages;
    }

    public PackLanguage language() {
        return language;
    }

    /** Whether this bundle has {@code key}: the web pages take the words they share with packs from here. */
    public boolean has(String key) {
        return messages.containsKey(key);
    }

    /** The message {@code key}, with its arguments written as this pack writes values. */
    public String get(String key, Object... arguments) {
        Object[] written = new Object[arguments.length];
        // counts keep their type for choice formats; everything else is written as the pack writes values
        for (int index = 0; index < arguments.length; index++) {
            written[index] = write(arguments[index]);
        }
        return new MessageFormat(messages.getString(key), Locale.ROOT).format(written);
    }

    public Object write(Object value) {
        if (value instanceof Money money) {
            return money(money);
        }
        if (value instanceof LocalDate date) {
            return date(date);
        }
        if (value instanceof Instant instant) {
            return time(instant);
        }
        if (value instanceof Certification.ClaimReference claim) {
            return claim(claim);
        }
        if (value instanceof BigDecimal number) {
            return number(number);
        }
        if (value instanceof Integer || value instanceof Long) {
            return value; // counts stay numbers, so that a message can choose "1 claim" or "2 claims"
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return String.valueOf(value);
    }

    public String money(Money money) {
        DecimalFormat format = new DecimalFormat("£#,##0.00", DecimalFormatSymbols.getInstance(Locale.UK));
        return format.format(BigDecimal.valueOf(money.pence(), 2));
    }

    public String number(BigDecimal number) {
        DecimalFormat format = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.UK));
        return format.format(number);
    }

    public String date(LocalDate date) {
        return date.getDayOfMonth() + " " + messages.getString("month." + date.getMonthValue()) + " " + date.getYear();
    }

    /** An instant to the second, in UTC, as {@code 30 September 2019 14:05:09 UTC}. */
    public String time(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        return date(utc.toLocalDate()) + String.format(Locale.ROOT, " %02d:%02d:%02d UTC", utc.getHour(),
                utc.getMinute(), utc.getSecond());
    }

    public String claim(Certification.ClaimReference claim) {
        return date(claim.periodStart()) + " – " + date(claim.periodEnd()) + " (" + shortId(claim.id().toString())
                + ")";
    }

    /** The first eight characters of an id: enough to find it, short enough for a table. */
    public static String shortId(String id) {
        return id.length() <= 8 ? id : id.substring(0, 8);
    }

    public String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.UK, "%.1f %s", value, units[unit]);
    }
}
