package wales.gov.grants.batch.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardClosure;
import wales.gov.grants.awards.AwardService;
import wales.gov.grants.awards.AwardStatus;
import wales.gov.grants.awards.ClosePreview;
import wales.gov.grants.awards.UnfinishedClaimsException;
import wales.gov.grants.batch.GrantsBatchConfiguration;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.FinancialYear;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.wiring.GrantsServices;

/**
 * {@code close-year <config.yml> --financial-year 2019-20 --as USERNAME [--dry-run] [--include-undecided]}: closes
 * every ACTIVE award of the year's schemes by {@link AwardService#close}, the close of
 * {@code POST /awards/{id}/close}, as the given grant manager: each award in its own transaction, its underspend
 * recorded and a recovery raised for payments no recovery covers, audited as that user.
 *
 * <p>An award with unfinished claims (SUBMITTED or QUERIED, or APPROVED and not fully paid: closing would leave them
 * never decided or never paid) is listed and left open unless {@code --include-undecided}; the check is made under
 * the award's lock, so a claim submitted meanwhile is seen. An award already closed, by the API, an earlier run or
 * another process racing this one, is skipped: a re-run after a crash carries on where it stopped. The dry run
 * prints what the close would record, by the close's own rule, and changes nothing.
 */
public final class CloseYearCommand extends ServicesCommand {
    public CloseYearCommand(PrintStream out, Clock clock) {
        super("close-year", "close every ACTIVE award of a financial year, recording underspends and recoveries", out,
                clock);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--financial-year").dest("financialYear").metavar("YEAR").required(true)
                .help("the financial year whose awards are closed, such as 2019-20");
        subparser.addArgument("--as").dest("as").metavar("USERNAME").required(true)
                .help("the GRANT_MANAGER the closes are made and audited as");
        subparser.addArgument("--dry-run").dest("dryRun").action(Arguments.storeTrue())
                .help("print what would be closed and recorded, and change nothing");
        subparser.addArgument("--include-undecided").dest("includeUndecided").action(Arguments.storeTrue())
                .help("close awards with undecided or unpaid claims too (those claims can then never be decided"
                        + " or paid)");
    }

    @Override
    protected void run(GrantsServices services, GrantsBatchConfiguration configuration, Namespace namespace,
                       PrintStream out) {
        FinancialYear year = financialYear(namespace.getString("financialYear"));
        Actor manager = JobUser.resolve(services, namespace.getString("as"), "close-year", Role.GRANT_MANAGER);
        boolean dryRun = namespace.getBoolean("dryRun");
        AwardService.IfClaimsUnfinished ifUnfinished = namespace.getBoolean("includeUndecided")
                ? AwardService.IfClaimsUnfinished.CLOSE : AwardService.IfClaimsUnfinished.KEEP_OPEN;

        List<Award> awards = services.awards().ofFinancialYear(manager, year);
        List<Award> closable = awards.stream()
                .filter(award -> award.status() == AwardStatus.ACTIVE || award.status() == AwardStatus.CLOSED)
                .toList();
        Names names = Names.load(services, manager, year);
        out.println("close-year " + year + " as " + manager.username() + ": " + closable.size()
                + " awards ACTIVE or CLOSED" + (dryRun ? "; dry run, nothing is changed" : ""));

        Run run = new Run(services, manager, dryRun, ifUnfinished, names, out,
                Progress.onStandardError("awards", closable.size(), true, services.clock()));
        for (Award award : closable) {
            run.handle(award);
        }
        leftAlone(awards, out);
        run.progress.finish(out);
        out.println((dryRun ? "would record: " : "recorded: ") + "underspend " + run.underspend.toDecimalString()
                + ", recoveries raised at close " + run.raised.toDecimalString() + ", recovery due "
                + run.due.toDecimalString() + " (over the " + run.progress.doneCount() + " award(s) "
                + (dryRun ? "that would be closed" : "closed") + ")");
        if (run.progress.failedCount() > 0) {
            throw new JobFailedException(run.progress.failedCount() + " of " + closable.size()
                    + " awards failed (listed above); the awards closed stay closed, and a re-run retries the rest");
        }
    }

    /** One pass over the awards: what each close did, and the totals of the awards closed. */
    private static final class Run {
        private final GrantsServices services;
        private final Actor manager;
        private final boolean dryRun;
        private final AwardService.IfClaimsUnfinished ifUnfinished;
        private final Names names;
        private final PrintStream out;
        private final Progress progress;
        private Money underspend = Money.ZERO;
        private Money raised = Money.ZERO;
        private Money due = Money.ZERO;

        Run(GrantsServices services, Actor manager, boolean dryRun, AwardService.IfClaimsUnfinished ifUnfinished,
            Names names, PrintStream out, Progress progress) {
            this.services = services;
            this.manager = manager;
            this.dryRun = dryRun;
            this.ifUnfinished = ifUnfinished;
            this.names = names;
            this.out = out;
            this.progress = progress;
        }

        void handle(Award award) {
            if (award.status() == AwardStatus.CLOSED) {
                skipped(award, "already closed" + closedOn(award));
                return;
            }
            try {
                if (dryRun) {
                    preview(award);
                } else {
                    close(award);
                }
            } catch (UnfinishedClaimsException unfinished) {
                line("left open", award, "claims unfinished: " + unfinished.claims().describe()
                        + " (--include-undecided closes it anyway)");
                progress.skipped();
            } catch (StateConflictException conflict) {
                // another process closed it between our list and our lock: its close is the one that counts
                Award now = services.awards().get(manager, award.id());
                if (now.status() == AwardStatus.CLOSED) {
                    skipped(now, "closed meanwhile by another run" + closedOn(now));
                } else {
                    failed(award, conflict.getMessage());
                }
            } catch (RuntimeException failure) {
                failed(award, failure.getMessage() == null ? failure.toString() : failure.getMessage());
            }
        }

        private void preview(Award award) {
            ClosePreview preview = services.awards().previewClose(manager, award.id());
            if (ifUnfinished == AwardService.IfClaimsUnfinished.KEEP_OPEN && preview.unfinishedClaims().any()) {
                throw new UnfinishedClaimsException(award, preview.unfinishedClaims());
            }
            line("would close", award, figures(award, preview.underspend(), preview.recoveryRaised(),
                    preview.recoveryDue()) + unfinished(preview.unfinishedClaims().total(),
                    preview.unfinishedClaims().describe()));
            counted(preview.underspend(), preview.recoveryRaised(), preview.recoveryDue());
        }

        private void close(Award award) {
            AwardClosure closure = services.awards().close(manager, award.id(), ifUnfinished);
            Money recorded = closure.award().underspendAtClose().orElseThrow();
            line("closed", award, figures(closure.award(), recorded, closure.recoveryRaised(), closure.recoveryDue())
                    + unfinished(closure.unfinishedClaims(), closure.unfinishedClaims() + " claim(s)"));
            counted(recorded, closure.recoveryRaised(), closure.recoveryDue());
        }

        private void counted(Money awardUnderspend, Money awardRaised, Money awardDue) {
            underspend = underspend.plus(awardUnderspend);
            raised = raised.plus(awardRaised);
            due = due.plus(awardDue);
            progress.done();
        }

        private static String figures(Award award, Money underspend, Money raised, Money due) {
            return "amount " + award.amount().toDecimalString() + ", paid " + award.paid().toDecimalString()
                    + ", underspend " + underspend.toDecimalString() + ", recovery due " + due.toDecimalString()
                    + (raised.isZero() ? "" : " (" + raised.toDecimalString() + " raised at close)");
        }

        private static String unfinished(long count, String described) {
            return count == 0 ? "" : "; left unfinished, never to be decided or paid: " + described;
        }

        private void skipped(Award award, String why) {
            line("skipped", award, why);
            progress.skipped();
        }

        private void failed(Award award, String why) {
            line("failed", award, why.strip().replaceAll("\\s*\\R\\s*", " "));
            progress.failed();
        }

        private void line(String outcome, Award award, String text) {
            out.println(String.format("%-12s %s  %s  %s", outcome, award.id(), names.of(award), text));
        }

        private static String closedOn(Award award) {
            return award.closed().map(at -> " on " + LocalDate.ofInstant(at, ZoneOffset.UTC)).orElse("");
        }
    }

    /** Awards of the year in no state to close (DRAFT, OFFERED, WITHDRAWN) are left alone, and counted. */
    private static void leftAlone(List<Award> awards, PrintStream out) {
        Map<AwardStatus, Long> others = new EnumMap<>(AwardStatus.class);
        awards.stream()
                .filter(award -> award.status() != AwardStatus.ACTIVE && award.status() != AwardStatus.CLOSED)
                .forEach(award -> others.merge(award.status(), 1L, Long::sum));
        if (!others.isEmpty()) {
            out.println("not ACTIVE, left alone: " + others.entrySet().stream()
                    .map(entry -> entry.getValue() + " " + entry.getKey())
                    .collect(Collectors.joining(", ")));
        }
    }

    private static FinancialYear financialYear(String text) {
        try {
            return FinancialYear.parse(text);
        } catch (IllegalArgumentException e) {
            throw new JobFailedException("--financial-year " + text + ": " + e.getMessage());
        }
    }

    /** The scheme codes and organisation names the lines show, read once. */
    private record Names(Map<SchemeId, String> schemes, Map<OrganisationId, String> organisations) {
        static Names load(GrantsServices services, Actor actor, FinancialYear year) {
            Map<SchemeId, String> schemes = new HashMap<>();
            all((limit, offset) -> services.schemes().list(actor, year.toString(), new Page.Request(limit, offset)))
                    .forEach(scheme -> schemes.put(scheme.id(), scheme.code()));
            Map<OrganisationId, String> organisations = new HashMap<>();
            all((limit, offset) -> services.organisations().list(actor, new Page.Request(limit, offset)))
                    .forEach(organisation -> organisations.put(organisation.id(),
                            organisation.code() + " " + organisation.nameEn()));
            return new Names(schemes, organisations);
        }

        String of(Award award) {
            return schemes.getOrDefault(award.schemeId(), award.schemeId().toString()) + "  "
                    + organisations.getOrDefault(award.organisationId(), award.organisationId().toString());
        }

        private static <T> List<T> all(BiFunction<Integer, Long, Page<T>> pages) {
            List<T> items = new ArrayList<>();
            Page<T> page;
            do {
                page = pages.apply(Page.MAX_LIMIT, (long) items.size());
                items.addAll(page.items());
            } while (page.hasNext() && !page.items().isEmpty());
            return items;
        }
    }
}
