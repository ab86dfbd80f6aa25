package wales.gov.grants.reminders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.FinancialYear;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.organisations.OrganisationDao;
import wales.gov.grants.packs.PackLanguage;
import wales.gov.grants.packs.PackText;

import static java.util.Objects.requireNonNull;

/**
 * The reminders due to organisations on a date, and the outbox they are written to once each. The rules:
 * <ul>
 * <li>{@link ReminderKind#CLAIM_OVERDUE}: for each quarter of an ACTIVE award's financial year that ended on or
 * after the award was accepted, no claim (SUBMITTED, QUERIED, APPROVED or PAID) overlapping the quarter by
 * {@code claimDueDays} after it ended;</li>
 * <li>{@link ReminderKind#EVIDENCE_MISSING}: an APPROVED or PAID claim with no evidence attached to it, due from its
 * approval;</li>
 * <li>{@link ReminderKind#OUTCOME_RETURN_DUE}: an outcome target of an ACTIVE award with no actual reported by
 * {@code outcomeReturnDueDays} after its financial year ended;</li>
 * <li>{@link ReminderKind#OFFER_NOT_ACCEPTED}: an award still OFFERED {@code offerAcceptanceDays} after the offer.</li>
 * </ul>
 * A reminder is due once its due date has passed. Writing one is not audited: it changes nothing about a grant, and
 * the outbox row (with when it was written, and later sent) is its record.
 */
public final class ReminderService {
    private final Jdbi jdbi;
    private final Clock clock;

    public ReminderService(Jdbi jdbi, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Every reminder due on {@code asOf}, written before or not, in the order they are written. */
    public List<Reminder> due(LocalDate asOf, ReminderRules rules) {
        return jdbi.withHandle(handle -> due(handle, asOf, rules));
    }

    /**
     * Writes to the outbox every reminder due on {@code asOf} that was never written, in one transaction, in a
     * fixed order, so that two runs racing write each reminder once (the second waits on the first's row, then
     * finds it there) and never deadlock.
     */
    public Written write(LocalDate asOf, ReminderRules rules) {
        return jdbi.inTransaction(handle -> {
            List<Reminder> due = due(handle, asOf, rules);
            ReminderDao reminders = handle.attach(ReminderDao.class);
            Instant now = clock.instant();
            List<Reminder> written = new ArrayList<>();
            for (Reminder reminder : due) {
                if (reminders.insertIfNew(reminder.kind().name(), reminder.organisationId().value(),
                        reminder.awardId().value(), reminder.kind().subjectType(), reminder.subjectId(),
                        reminder.period(), reminder.dueOn(), reminder.messageEn(), reminder.messageCy(), now)
                        .isPresent()) {
                    written.add(reminder);
                }
            }
            OrganisationDao organisations = handle.attach(OrganisationDao.class);
            Map<OrganisationId, Organisation> named = new LinkedHashMap<>();
            for (OrganisationId id : written.stream().map(Reminder::organisationId).collect(Collectors.toSet())) {
                named.put(id, organisations.find(id.value()).orElseThrow());
            }
            return new Written(written, due.size() - written.size(), named);
        });
    }

    /** What a run wrote, how many of the reminders due had been written before, and who the new ones are for. */
    public record Written(List<Reminder> reminders, long alreadyWritten,
                          Map<OrganisationId, Organisation> organisations) {
        public Written {
            reminders = List.copyOf(reminders);
            organisations = Map.copyOf(organisations);
        }
    }

    private List<Reminder> due(Handle handle, LocalDate asOf, ReminderRules rules) {
        requireNonNull(asOf, "asOf is null");
        requireNonNull(rules, "rules is null");
        ReminderDao reminders = handle.attach(ReminderDao.class);
        Text text = new Text();
        List<Reminder> due = new ArrayList<>();
        claimsOverdue(reminders, asOf, rules, text, due);
        evidenceMissing(reminders, asOf, text, due);
        outcomeReturnsDue(reminders, asOf, rules, text, due);
        offersNotAccepted(reminders, asOf, rules, text, due);
        due.sort(Comparator.comparing((Reminder reminder) -> reminder.kind())
                .thenComparing(Reminder::subjectId)
                .thenComparing(Reminder::period));
        return due;
    }

    private static void claimsOverdue(ReminderDao reminders, LocalDate asOf, ReminderRules rules, Text text,
                                      List<Reminder> due) {
        Map<UUID, List<ReminderDao.ClaimedPeriod>> claimed = reminders.claimedPeriodsOfActiveAwards().stream()
                .collect(Collectors.groupingBy(ReminderDao.ClaimedPeriod::awardId));
        for (ReminderDao.AwardRow award : reminders.awards("ACTIVE")) {
            LocalDate accepted = date(award.acceptedAt());
            List<ReminderDao.ClaimedPeriod> periods = claimed.getOrDefault(award.awardId(), List.of());
            for (ClaimQuarter quarter : ClaimQuarter.of(FinancialYear.parse(award.financialYear()))) {
                LocalDate dueOn = quarter.end().plusDays(rules.claimDueDays());
                boolean claimedFor = periods.stream()
                        .anyMatch(period -> quarter.overlaps(period.periodStart(), period.periodEnd()));
                if (quarter.end().isBefore(accepted) || !dueOn.isBefore(asOf) || claimedFor) {
                    continue;
                }
                due.add(new Reminder(ReminderKind.CLAIM_OVERDUE, new OrganisationId(award.organisationId()),
                        new AwardId(award.awardId()), award.awardId(), quarter.label(), dueOn,
                        award.schemeNameEn() + ": the claim for quarter " + quarter.number() + " of "
                                + quarter.year() + " (" + text.en.date(quarter.start()) + " to "
                                + text.en.date(quarter.end()) + ") was due by " + text.en.date(dueOn)
                                + " and has not been submitted.",
                        award.schemeNameCy() + ": roedd yr hawliad ar gyfer chwarter " + quarter.number() + " "
                                + quarter.year() + " (" + text.cy.date(quarter.start()) + " i "
                                + text.cy.date(quarter.end()) + ") i fod i law erbyn " + text.cy.date(dueOn)
                                + " ac nid yw wedi'i gyflwyno."));
            }
        }
    }

    private static void evidenceMissing(ReminderDao reminders, LocalDate asOf, Text text, List<Reminder> due) {
        for (ReminderDao.UnsupportedClaim claim : reminders.approvedClaimsWithoutEvidence()) {
            LocalDate approved = claim.decidedAt() == null ? claim.periodEnd() : date(claim.decidedAt());
            if (approved.isAfter(asOf)) {
                continue;
            }
            String period = text.en.date(claim.periodStart()) + " to " + text.en.date(claim.periodEnd());
            String periodCy = text.cy.date(claim.periodStart()) + " i " + text.cy.date(claim.periodEnd());
            due.add(new Reminder(ReminderKind.EVIDENCE_MISSING, new OrganisationId(claim.organisationId()),
                    new AwardId(claim.awardId()), claim.claimId(), claim.financialYear(), approved,
                    claim.schemeNameEn() + ": the claim for " + period + ", approved on " + text.en.date(approved)
                            + ", has no evidence attached. Please upload the invoices or returns that support it.",
                    claim.schemeNameCy() + ": nid oes tystiolaeth ynghlwm wrth yr hawliad ar gyfer " + periodCy
                            + ", a gymeradwywyd ar " + text.cy.date(approved)
                            + ". Llwythwch i fyny'r anfonebau neu'r ffurflenni sy'n ei gefnogi."));
        }
    }

    private static void outcomeReturnsDue(ReminderDao reminders, LocalDate asOf, ReminderRules rules, Text text,
                                          List<Reminder> due) {
        for (ReminderDao.UnreportedTarget target : reminders.targetsWithoutOutcome()) {
            FinancialYear year = FinancialYear.parse(target.financialYear());
            LocalDate dueOn = year.lastDay().plusDays(rules.outcomeReturnDueDays());
            if (!dueOn.isBefore(asOf)) {
                continue;
            }
            due.add(new Reminder(ReminderKind.OUTCOME_RETURN_DUE, new OrganisationId(target.organisationId()),
                    new AwardId(target.awardId()), target.targetId(), year.toString(), dueOn,
                    target.schemeNameEn() + ": no outcome has been reported for \"" + target.description()
                            + "\" (target " + text.en.number(target.target()) + ") for " + year
                            + "; the return was due by " + text.en.date(dueOn) + ".",
                    target.schemeNameCy() + ": nid oes canlyniad wedi'i adrodd ar gyfer \"" + target.description()
                            + "\" (targed " + text.cy.number(target.target()) + ") ar gyfer " + year
                            + "; roedd y ffurflen i fod i law erbyn " + text.cy.date(dueOn) + "."));
        }
    }

    private static void offersNotAccepted(ReminderDao reminders, LocalDate asOf, ReminderRules rules, Text text,
                                          List<Reminder> due) {
        for (ReminderDao.AwardRow award : reminders.awards("OFFERED")) {
            LocalDate offered = date(award.offeredAt());
            LocalDate dueOn = offered.plusDays(rules.offerAcceptanceDays());
            if (!dueOn.isBefore(asOf)) {
                continue;
            }
            Money amount = Money.ofPence(award.amountPence());
            due.add(new Reminder(ReminderKind.OFFER_NOT_ACCEPTED, new OrganisationId(award.organisationId()),
                    new AwardId(award.awardId()), award.awardId(), award.financialYear(), dueOn,
                    award.schemeNameEn() + ": the offer of " + text.en.money(amount) + " made on "
                            + text.en.date(offered) + " has not been accepted; it was to be accepted by "
                            + text.en.date(dueOn) + ".",
                    award.schemeNameCy() + ": nid yw'r cynnig o " + text.cy.money(amount) + " a wnaed ar "
                            + text.cy.date(offered) + " wedi'i dderbyn; roedd i fod i gael ei dderbyn erbyn "
                            + text.cy.date(dueOn) + "."));
        }
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Dates, money and numbers written as letters and packs write them: {@code 30 June 2019}, {@code 30 Mehefin 2019}. */
    private static final class Text {
        private final PackText en = new PackText(PackLanguage.EN);
        private final PackText cy = new PackText(PackLanguage.CY);
    }
}
