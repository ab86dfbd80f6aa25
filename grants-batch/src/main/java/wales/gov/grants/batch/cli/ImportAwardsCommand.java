package wales.gov.grants.batch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import wales.gov.grants.awards.Award;
import wales.gov.grants.batch.GrantsBatchConfiguration;
import wales.gov.grants.batch.imports.AwardImport;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Digests;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.wiring.GrantsServices;

/**
 * {@code import-awards <config.yml> FILE.csv --as USERNAME [--dry-run]}: checks every row of an awards CSV (see
 * {@link AwardImport} for the columns), prints each problem as {@code line N, column: what} and exits 1 importing
 * nothing if there is any; otherwise creates every award in one transaction through the award service, as DRAFT
 * awards audited as the {@code --as} user. Running it again on the same file reports each row as a duplicate.
 */
public final class ImportAwardsCommand extends ServicesCommand {
    /** Far more than a year's allocations; a bigger file is a mistake, and it is read whole. */
    static final long MAX_FILE_SIZE = 20L * 1024 * 1024;

    public ImportAwardsCommand(PrintStream out, Clock clock) {
        super("import-awards", "check an awards CSV row by row and import all of it in one transaction, or none",
                out, clock);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("csv").metavar("FILE.csv").help("the awards: UTF-8 CSV with the columns "
                + String.join(",", AwardImport.COLUMNS) + " (see the README)");
        subparser.addArgument("--as").dest("as").metavar("USERNAME").required(true)
                .help("the grant manager the awards are created and audited as");
        subparser.addArgument("--dry-run").dest("dryRun").action(Arguments.storeTrue())
                .help("check and report, change nothing");
    }

    @Override
    protected void run(GrantsServices services, GrantsBatchConfiguration configuration, Namespace namespace,
                       PrintStream out) throws IOException {
        Path file = Path.of(namespace.getString("csv"));
        boolean dryRun = Boolean.TRUE.equals(namespace.getBoolean("dryRun"));
        Actor actor = JobUser.resolve(services, namespace.getString("as"), "import-awards", Role.GRANT_MANAGER);
        byte[] bytes = read(file);

        AwardImport checked = AwardImport.check(bytes, services, actor);
        if (checked.hadByteOrderMark()) {
            out.println("note: the file starts with a UTF-8 byte order mark (Excel's \"CSV UTF-8\" writes one); "
                    + "it is ignored");
        }
        if (!checked.valid()) {
            checked.problems().forEach(out::println);
            throw new JobFailedException(checked.badRows() + " of " + checked.dataRows() + " row(s) of " + file
                    + " have problems (listed above); nothing was imported");
        }
        if (checked.rows().isEmpty()) {
            throw new JobFailedException(file + " has a header but no rows; nothing was imported");
        }
        Money total = checked.rows().stream().map(row -> Money.parse(row.award().amount())).reduce(Money.ZERO,
                Money::plus);
        if (dryRun) {
            out.println("All " + checked.rows().size() + " rows are valid: " + checked.rows().size()
                    + " awards totalling " + total + " would be created as " + actor.username()
                    + " (dry run: nothing was changed)");
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("job", "import-awards");
        details.put("file", file.getFileName().toString());
        details.put("fileSha256", HexFormat.of().formatHex(Digests.sha256().digest(bytes)));
        List<Award> created;
        try {
            created = checked.importAll(services, actor, details);
        } catch (AwardImport.ImportRefusedException e) {
            e.problems().forEach(out::println);
            throw new JobFailedException(e.getMessage() + " (listed above); nothing was imported");
        }
        for (int index = 0; index < created.size(); index++) {
            AwardImport.Row row = checked.rows().get(index);
            out.println("line " + row.line() + ": award " + created.get(index).id() + " " + row.scheme().code() + " "
                    + row.scheme().financialYear() + " " + row.organisation().code() + " "
                    + created.get(index).amount().toDecimalString() + " DRAFT");
        }
        out.println("Imported " + created.size() + " awards totalling " + total + " in one transaction as "
                + actor.username());
    }

    private static byte[] read(Path file) throws IOException {
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new JobFailedException(file + " is larger than " + MAX_FILE_SIZE / 1024 / 1024 + " MB");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "cannot read the awards file");
        }
    }
}
