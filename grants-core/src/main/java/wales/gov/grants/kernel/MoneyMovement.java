package wales.gov.grants.kernel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static java.util.Objects.requireNonNull;

/**
 * Money that moved on a day with a reference: a payment made, or money received back. Both are dated neither in
 * the future nor before the event that allowed them (the approval, the recovery being raised).
 */
public record MoneyMovement(Money amount, LocalDate on, String reference) {
    public static final int MAX_REFERENCE = 100;

    public MoneyMovement {
        requireNonNull(amount, "amount is null");
        requireNonNull(on, "on is null");
        requireNonNull(reference, "reference is null");
    }

    /** Reads a movement as a client sent it, reporting every bad field at once; {@code dateField} names the date. */
    public static MoneyMovement parse(String amountText, String dateField, String dateText, String referenceText) {
        Validator validator = new Validator();
        Money amount = validator.positiveMoney("amount", amountText);
        LocalDate on = validator.date(dateField, dateText);
        String reference = validator.text("reference", referenceText, MAX_REFERENCE);
        validator.throwIfInvalid();
        return new MoneyMovement(amount, on, reference);
    }

    /**
     * @param dateField the date's field name, for the error
     * @param allowedFrom the instant that allowed this movement (an approval, a recovery raised)
     * @param what that event in words, e.g. "the claim was approved"
     */
    public void checkDated(String dateField, LocalDate today, Instant allowedFrom, String what) {
        if (on.isAfter(today)) {
            throw ValidationException.of(dateField, "must not be in the future");
        }
        LocalDate allowedOn = LocalDate.ofInstant(allowedFrom, ZoneOffset.UTC);
        if (on.isBefore(allowedOn)) {
            throw ValidationException.of(dateField, "must not be before " + what + " on " + allowedOn);
        }
    }
}
