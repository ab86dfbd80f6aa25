package wales.gov.grants.reminders;

import java.time.LocalDate;
import java.util.UUID;

import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.OrganisationId;

import static java.util.Objects.requireNonNull;

/**
 * One reminder to an organisation: what it is about ({@code kind}, {@code subjectId}, {@code period}: together its
 * identity, so it is written once), when that was due, and the words a mailer sends, in English and Welsh.
 */
public record Reminder(ReminderKind kind, OrganisationId organisationId, AwardId awardId, UUID subjectId,
                       String period, LocalDate dueOn, String messageEn, String messageCy) {
    public Reminder {
        requireNonNull(kind, "kind is null");
        requireNonNull(organisationId, "organisationId is null");
        requireNonNull(awardId, "awardId is null");
        requireNonNull(subjectId, "subjectId is null");
        requireNonNull(period, "period is null");
        requireNonNull(dueOn, "dueOn is null");
        requireNonNull(messageEn, "messageEn is null");
        requireNonNull(messageCy, "messageCy is null");
    }
}
