package wales.gov.grants.reminders;

/**
 * When things are due, in days: a quarter's claim {@code claimDueDays} after the quarter ends, an outcome return
 * {@code outcomeReturnDueDays} after the financial year ends, an offer's acceptance {@code offerAcceptanceDays}
 * after it was made. A reminder is due the day after its due date.
 */
public record ReminderRules(int claimDueDays, int outcomeReturnDueDays, int offerAcceptanceDays) {
    public ReminderRules {
        if (claimDueDays < 0 || outcomeReturnDueDays < 0 || offerAcceptanceDays < 0) {
            throw new IllegalArgumentException("days allowed are never negative");
        }
    }
}
