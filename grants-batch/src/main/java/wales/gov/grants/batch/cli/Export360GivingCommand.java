package wales.gov.grants.batch.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import wales.gov.grants.batch.GrantsBatchConfiguration;
import wales.gov.grants.batch.export.GrantExportDao;
import wales.gov.grants.batch.export.ThreeSixtyGivingExport;
import wales.gov.grants.kernel.FinancialYear;
import wales.gov.grants.wiring.GrantsRuntime;

import static java.util.Objects.requireNonNull;

/**
 * {@code export-360giving <config.yml> --financial-year 2019-20 --out FILE.json|FILE.csv}: the year's offered,
 * active and closed awards as 360Giving grants (see {@link ThreeSixtyGivingExport}), named as the
 * {@code threeSixtyGiving} section says. The file is written under a temporary name and renamed, so a reader never
 * sees half of it; running again replaces it.
 */
public final class Export360GivingCommand extends JobCommand {
    private final Clock clock;

    public Export360GivingCommand(PrintStream out, Clock clock) {
        super("export-360giving", "write a financial year's awards in the 360Giving Data Standard (JSON or CSV)",
                out);
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--financial-year").dest("financialYear").metavar("YEAR").required(true)
                .help("the financial year of the schemes, such as 2019-20");
        subparser.addArgument("--out").dest("out").metavar("FILE").required(true)
                .help("where to write: FILE.json (a 360Giving package) or FILE.csv (the flattened form)");
    }

    @Override
    protected void run(Bootstrap<GrantsBatchConfiguration> bootstrap, Namespace namespace,
                       GrantsBatchConfiguration configuration) throws Exception {
        FinancialYear year;
        try {
            year = FinancialYear.parse(namespace.getString("financialYear"));
        } catch (IllegalArgumentException e) {
            throw new JobFailedException("--financial-year " + e.getMessage());
        }
        Path target = Path.of(namespace.getString("out")).toAbsolutePath();
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean json = name.endsWith(".json");
        if (!json && !name.endsWith(".csv")) {
            throw new JobFailedException("--out must end in .json or .csv, not " + target.getFileName());
        }
        ThreeSixtyGivingExport export = new ThreeSixtyGivingExport(configuration.getThreeSixtyGiving().settings());
        List<GrantExportDao.ExportedAward> awards;
        try (GrantsRuntime runtime = GrantsRuntime.start(configuration, bootstrap.getMetricRegistry(), clock)) {
            awards = runtime.services().jdbi().withExtension(GrantExportDao.class,
                    dao -> dao.awards(year.toString()));
        }
        if (awards.isEmpty()) {
            // The standard's package needs at least one grant; an empty file would not be valid 360Giving data
            throw new JobFailedException("no offered, active or closed awards in " + year + ": nothing written");
        }
        List<Map<String, Object>> grants = awards.stream().map(export::grant).toList();
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                if (json) {
                    export.writeJson(grants, out);
                } else {
                    export.writeCsv(grants, out);
                }
            }
            move(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
        out().println("Wrote " + grants.size() + " grants of " + year + " to " + target + " (360Giving "
                + (json ? "JSON" : "CSV") + ")");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
