package wales.gov.grants.api.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import wales.gov.grants.kernel.DomainException;
import wales.gov.grants.kernel.MalformedRequestException;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.ValidationException;

/**
 * What the pages' forms share: reading amounts as people type them and a GOV.UK date input's three fields, the page
 * number of a list, a service call whose refusals are the pages' 404, 403 or 400, and a service's refusal turned into
 * the error summary's lines. The rules are the services'; a refusal here only chooses the words that explain it.
 */
public final class Forms {
    private Forms() {
    }

    /**
     * A sum of money that moved on a day, as the officer typed it (a payment, a receipt): kept as typed for the
     * form, and read as the services read amounts and dates.
     */
    public record MovementForm(String amount, String day, String month, String year, String reference) {
        static final MovementForm EMPTY = new MovementForm("", "", "", "", "");

        public MovementForm {
            amount = trimmed(amount);
            day = trimmed(day);
            month = trimmed(month);
            year = trimmed(year);
            reference = reference == null ? "" : reference;
        }

        String pounds() {
            return Forms.amount(amount);
        }

        String isoDate() {
            return Forms.isoDate(day, month, year);
        }
    }

    /** A line of an error summary and the inline message of its field: the field's id and the text shown. */
    public record FormError(String field, String href, String text) {
    }

    /** A service call whose "not found" and "not allowed" are the pages' 404 and 403 (a malformed id is a 404). */
    static <T> T shown(PageContext context, Supplier<T> call) {
        try {
            return call.get();
        } catch (NotFoundException | MalformedRequestException e) {
            throw new PageException(404, context);
        } catch (PermissionDeniedException e) {
            throw new PageException(403, context);
        }
    }

    /** A filter the service refused (an unknown id, a date that is not one) is a 400 page. */
    static <T> T filter(PageContext context, Supplier<T> call) {
        try {
            return shown(context, call);
        } catch (ValidationException e) {
            throw new PageException(400, context);
        }
    }

    /**
     * The ISO date of a date input's three fields as the service reads dates: null when all are empty; a text the
     * service refuses when a part is missing or not a number, so its refusal (and not this page) says why.
     */
    static String isoDate(String day, String month, String year) {
        String d = trimmed(day);
        String m = trimmed(month);
        String y = trimmed(year);
        if (d.isEmpty() && m.isEmpty() && y.isEmpty()) {
            return null;
        }
        if (d.matches("\\d{1,2}") && m.matches("\\d{1,2}") && y.matches("\\d{4}")) {
            return String.format(Locale.ROOT, "%s-%02d-%02d", y, Integer.parseInt(m), Integer.parseInt(d));
        }
        return "not a date: " + y + "-" + m + "-" + d;
    }

    /** An amount as people write it: "£1,250.00" is 1250.00. Anything else goes to the service as typed. */
    static String amount(String typed) {
        String text = trimmed(typed);
        if (text.startsWith("£")) {
            text = text.substring(1).strip();
        }
        return text.matches("[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]*)?") ? text.replace(",", "") : text;
    }

    /** The day of {@code instant} as the services date the events that allow a payment or receipt (UTC). */
    static String day(PageContext context, java.time.Instant instant) {
        return instant == null ? "" : context.messages().date(context.language(),
                java.time.LocalDate.ofInstant(instant, java.time.ZoneOffset.UTC));
    }

    static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The words of a refusal: each invalid field its own message ({@code prefix.error.<field>}, linked to its
     * input); a broken rule or a state conflict its own sentence ({@code prefix.refusal.<name>}, else the general
     * one). {@code arguments} fill the messages, e.g. the amount that may still be paid.
     */
    static List<FormError> refusal(PageContext context, String prefix, DomainException e, Map<String, String> inputs,
                                   Object... arguments) {
        Messages messages = context.messages();
        String language = context.language();
        List<FormError> errors = new ArrayList<>();
        if (e instanceof ValidationException invalid) {
            for (ValidationException.FieldError error : invalid.errors()) {
                String input = inputs.getOrDefault(error.field(), error.field());
                String key = prefix + ".error." + error.field();
                String text = messages.get(language, messages.has(key) ? key : prefix + ".error.general", arguments);
                if (errors.stream().noneMatch(known -> known.field().equals(input))) {
                    errors.add(new FormError(input, "#" + input, text));
                }
            }
            return errors;
        }
        String name = e instanceof RuleViolationException rule ? rule.rule()
                : e instanceof StateConflictException conflict ? conflict.conflict() : "general";
        String key = prefix + ".refusal." + name;
        errors.add(new FormError("", "", messages.get(language, messages.has(key) ? key : prefix + ".refusal.general",
                arguments)));
        return errors;
    }

    /** The inline message of one field, or empty. */
    static String fieldError(List<FormError> errors, String field) {
        return errors.stream().filter(error -> error.field().equals(field)).map(FormError::text).findFirst()
                .orElse("");
    }

    /** The page of a paged list: 1 when not given; a 400 page when it is not a number from 1 to 100,000. */
    static int pageNumber(PageContext context, String text) {
        if (text == null || text.isBlank()) {
            return 1;
        }
        try {
            int number = Integer.parseInt(text.strip());
            if (number < 1 || number > 100_000) {
                throw new PageException(400, context);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new PageException(400, context);
        }
    }

    /** A form field's first value, or empty. */
    static String value(jakarta.ws.rs.core.MultivaluedMap<String, String> fields, String name) {
        String value = fields.getFirst(name);
        return value == null ? "" : value;
    }
}
