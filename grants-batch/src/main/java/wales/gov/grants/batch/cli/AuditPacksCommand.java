package wales.gov.grants.batch.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import wales.gov.grants.batch.GrantsBatchConfiguration;
import wales.gov.grants.batch.packs.AuditPacksJob;
import wales.gov.grants.batch.runs.EngineSettings;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.FinancialYear;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.packs.PackLanguage;
import wales.gov.grants.wiring.GrantsRuntime;
import wales.gov.grants.wiring.GrantsServices;

import static java.util.Objects.requireNonNull;

/**
 * {@code audit-packs <config.yml> --financial-year 2019-20 [--scheme CODE] [--lang en|cy|both] --out DIR
 * [--workers N] --as USERNAME}: see {@link AuditPacksJob}. The packs are made as the user named by {@code --as}
 * (an AUDITOR, FINANCE_OFFICER or GRANT_MANAGER, enabled), who is recorded in the audit trail as having downloaded
 * each one, exactly as a download from the API is; those events are in the trail that is not tied to an award, so
 * they do not change the next pack.
 */
public final class AuditPacksCommand extends JobCommand {
    private static final AtomicInteger SCHEDULERS_IN_THIS_JVM = new AtomicInteger();

    private final Clock clock;
    private final EngineSettings settings;

    public AuditPacksCommand(PrintStream out, Clock clock, EngineSettings settings) {
        super("audit-packs", "every award's audit pack for a financial year, and manifest.json; several processes "
                + "on the same arguments share one run", out);
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--financial-year").dest("financialYear").metavar("YEAR").required(true)
                .help("the financial year of the schemes, such as 2019-20");
        subparser.addArgument("--scheme").dest("scheme").metavar("CODE")
                .help("only this scheme's awards (default: every scheme of the year)");
        subparser.addArgument("--lang").dest("lang").choices("en", "cy", "both").setDefault("en")
                .help("the packs' language; both makes two packs per award (default: en)");
        subparser.addArgument("--out").dest("out").metavar("DIR").required(true)
                .help("where the packs and manifest.json go; every process of a run must see it at the same path");
        subparser.addArgument("--workers").dest("workers").metavar("N").type(Integer.class)
                .setDefault(Runtime.getRuntime().availableProcessors())
                .help("packs made at once by this process (default: the number of processors)");
        subparser.addArgument("--as").dest("as").metavar("USERNAME").required(true)
                .help("the AUDITOR (or FINANCE_OFFICER, GRANT_MANAGER) the packs are made for, as the API would");
        subparser.addArgument("--no-progress").dest("noProgress").action(Arguments.storeTrue())
                .help("log lines instead of a progress bar even on a terminal");
    }

    @Override
    protected void run(Bootstrap<GrantsBatchConfiguration> bootstrap, Namespace namespace,
                       GrantsBatchConfiguration configuration) throws Exception {
        AuditPacksJob.Arguments arguments = arguments(namespace);
        int workers = namespace.getInt("workers");
        if (workers < 1 || workers > 64) {
            throw new JobFailedException("--workers must be between 1 and 64, not " + workers);
        }
        try (GrantsRuntime runtime = GrantsRuntime.start(configuration, bootstrap.getMetricRegistry(), clock)) {
            GrantsServices services = runtime.services();
            // one who could download them from the API
            Actor actor = JobUser.resolve(services, namespace.getString("as"), "audit-packs", Role.AUDITOR,
                    Role.FINANCE_OFFICER, Role.GRANT_MANAGER);
            Progress progress = Progress.onStandardError("packs", 0, !namespace.getBoolean("noProgress"), clock);
            new AuditPacksJob(services, runtime.dataSource(), settings, workerName())
                    .run(arguments, actor, workers, progress, out());
        }
    }

    private static AuditPacksJob.Arguments arguments(Namespace namespace) {
        FinancialYear year;
        try {
            year = FinancialYear.parse(namespace.getString("financialYear"));
        } catch (IllegalArgumentException e) {
            throw new JobFailedException("--financial-year " + namespace.getString("financialYear") + ": "
                    + e.getMessage());
        }
        List<PackLanguage> languages = switch (namespace.getString("lang")) {
            case "cy" -> List.of(PackLanguage.CY);
            case "both" -> List.of(PackLanguage.EN, PackLanguage.CY);
            default -> List.of(PackLanguage.EN);
        };
        Path out;
        try {
            out = Path.of(namespace.getString("out"));
        } catch (InvalidPathException e) {
            throw new JobFailedException("--out: " + e.getMessage());
        }
        return new AuditPacksJob.Arguments(year, Optional.ofNullable(namespace.getString("scheme")), languages, out);
    }

    /** {@code host:pid}, and a number after it for a second scheduler in one JVM (tests). */
    private static String workerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
        }
        int number = SCHEDULERS_IN_THIS_JVM.incrementAndGet();
        String name = host + ":" + ProcessHandle.current().pid() + (number == 1 ? "" : "/" + number);
        return name.length() <= 50 ? name : name.substring(name.length() - 50);
    }
}
