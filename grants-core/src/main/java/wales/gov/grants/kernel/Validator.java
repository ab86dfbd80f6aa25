package wales.gov.grants.kernel;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Collects every field error of a request before refusing it, so a client learns all its mistakes at once. */
public final class Validator {
    private final List<ValidationException.FieldError> errors = new ArrayList<>();

    public Money money(String field, String text) {
        return attempt(field, text, Money::parse);
    }

    public Money positiveMoney(String field, String text) {
        return attempt(field, text, Money::parsePositive);
    }

    public FinancialYear financialYear(String field, String text) {
        return attempt(field, text, FinancialYear::parse);
    }

    public LocalDate date(String field, String text) {
        return attempt(field, text, value -> {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException | NullPointerException e) {
                throw new IllegalArgumentException("must be a date such as \"2019-04-01\"");
            }
        });
    }

    /** Trimmed text between 1 and {@code maxLength} characters, without control characters. */
    public String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            reject(field, "is required");
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            reject(field, "must be at most " + maxLength + " characters");
            return null;
        }
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            reject(field, "must not contain control characters");
            return null;
        }
        return trimmed;
    }

    /**
     * {@link #text} that must fit on one line, as a name does: a line break or tab in a name would misalign every
     * list, pack and audit trail that shows it.
     */
    public String line(String field, String value, int maxLength) {
        String trimmed = text(field, value, maxLength);
        if (trimmed != null && (trimmed.indexOf('\n') >= 0 || trimmed.indexOf('\t') >= 0)) {
            reject(field, "must not contain control characters");
            return null;
        }
        return trimmed;
    }

    /**
     * An optional id or code from a client: absent stays null; present but unparseable is an error naming
     * {@code expected}.
     */
    public <T> T optional(String field, String text, Function<String, Optional<T>> parser, String expected) {
        if (text == null) {
            return null;
        }
        Optional<T> parsed = parser.apply(text);
        if (parsed.isEmpty()) {
            reject(field, "must be " + expected);
        }
        return parsed.orElse(null);
    }

    /** An optional enum constant by its exact name. */
    public <E extends Enum<E>> E optionalEnum(String field, String text, Class<E> type) {
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        reject(field, "must be one of " + List.of(type.getEnumConstants()));
        return null;
    }

    public <T> T required(String field, T value) {
        if (value == null) {
            reject(field, "is required");
        }
        return value;
    }

    public void check(boolean condition, String field, String message) {
        if (!condition) {
            reject(field, message);
        }
    }

    public void reject(String field, String message) {
        errors.add(new ValidationException.FieldError(field, message));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The errors collected so far, in the order they were found. */
    public List<ValidationException.FieldError> errors() {
        return List.copyOf(errors);
    }

    /** @throws ValidationException with every error collected so far */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private <T> T attempt(String field, String text, Function<String, T> parser) {
        if (text == null) {
            reject(field, "is required");
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            reject(field, e.getMessage());
            return null;
        }
    }
}
