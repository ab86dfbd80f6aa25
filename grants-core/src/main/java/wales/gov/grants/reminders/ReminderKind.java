package wales.gov.grants.reminders;

/** What a reminder is about. Stored by name in {@code reminders.kind}: a name, once used, is never changed. */
public enum ReminderKind {
    /** No claim submitted for a quarter of an ACTIVE award, {@link ReminderRules#claimDueDays} after it ended. */
    CLAIM_OVERDUE("award"),
    /** An APPROVED or PAID claim with no evidence attached to it (none, or all of it removed). */
    EVIDENCE_MISSING("claim"),
    /** An outcome target of an ACTIVE award with no actual reported, the return being past due. */
    OUTCOME_RETURN_DUE("outcome-target"),
    /** An award OFFERED and not accepted within {@link ReminderRules#offerAcceptanceDays}. */
    OFFER_NOT_ACCEPTED("award");

    private final String subjectType;

    ReminderKind(String subjectType) {
        this.subjectType = subjectType;
    }

    /** The kind of object the reminder's subject id names, as stored in {@code reminders.subject_type}. */
    public String subjectType() {
        return subjectType;
    }
}
