package wales.gov.grants.batch.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import wales.gov.grants.batch.GrantsBatchConfiguration;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.reminders.Reminder;
import wales.gov.grants.reminders.ReminderService;
import wales.gov.grants.wiring.GrantsServices;

/**
 * {@code reminders <config.yml> [--as-of DATE]}: writes every reminder due on the date (default: today on the jobs'
 * clock) that was never written to the {@code reminders} outbox, and prints the new ones by organisation. The
 * rules are {@link ReminderService}'s; the days they allow are the {@code reminders:} section of the file. A later
 * run, or another run at the same time, writes none of them again.
 */
public final class RemindersCommand extends ServicesCommand {
    public RemindersCommand(PrintStream out, Clock clock) {
        super("reminders", "write the reminders due (claims, evidence, outcome returns, offers) to the outbox once each",
                out, clock);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--as-of").dest("asOf").metavar("DATE")
                .help("the day the reminders are due on, such as 2020-04-15 (default: today, UTC)");
    }

    @Override
    protected void run(GrantsServices services, GrantsBatchConfiguration configuration, Namespace namespace,
                       PrintStream out) {
        LocalDate asOf = asOf(namespace.getString("asOf"), services.clock());
        print(asOf, services.reminders().write(asOf, configuration.getReminders().rules()), out);
    }

    private static void print(LocalDate asOf, ReminderService.Written written, PrintStream out) {
        out.println("reminders due on " + asOf);
        Map<OrganisationId, List<Reminder>> byOrganisation = written.reminders().stream()
                .collect(Collectors.groupingBy(Reminder::organisationId));
        List<Organisation> organisations = written.organisations().values().stream()
                .sorted(Comparator.comparing(Organisation::nameEn).thenComparing(Organisation::code))
                .toList();
        for (Organisation organisation : organisations) {
            List<Reminder> reminders = byOrganisation.get(organisation.id());
            out.println();
            out.println(organisation.nameEn() + " / " + organisation.nameCy() + " (" + organisation.code() + "): "
                    + reminders.size() + " new");
            for (Reminder reminder : reminders) {
                out.println(String.format("  %-18s %s  %s  due %s", reminder.kind(), subject(reminder),
                        reminder.period(), reminder.dueOn()));
                out.println("    en: " + reminder.messageEn());
                out.println("    cy: " + reminder.messageCy());
            }
        }
        if (!organisations.isEmpty()) {
            out.println();
        }
        String before = written.alreadyWritten() + " due had been written before";
        out.println(written.reminders().isEmpty() ? "no new reminders (" + before + ")"
                : written.reminders().size() + " new reminder(s) written to the outbox for " + organisations.size()
                + " organisation(s); " + before);
    }

    private static String subject(Reminder reminder) {
        String award = "award " + reminder.awardId();
        return reminder.kind().subjectType().equals("award") ? award
                : reminder.kind().subjectType() + " " + reminder.subjectId() + " of " + award;
    }

    private static LocalDate asOf(String text, Clock clock) {
        if (text == null) {
            return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new JobFailedException("--as-of " + text + ": must be a date such as 2020-04-15");
        }
    }
}
