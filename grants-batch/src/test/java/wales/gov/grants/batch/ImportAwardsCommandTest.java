package wales.gov.grants.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Optional;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardService;
import wales.gov.grants.batch.cli.ImportAwardsCommand;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.organisations.OrganisationDao;
import wales.gov.grants.schemes.NewScheme;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.testing.TestDatabase;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code import-awards} run through the command line against the test database. */
class ImportAwardsCommandTest {
    private static final String HEADER = "scheme,financial_year,organisation,amount,conditions,outcome_targets\r\n";
    private static final String TARGET = "care-leavers-supported=90 (Care leavers receiving funds)";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final TestClock clock = new TestClock();
    private final Fixtures fixtures = Fixtures.onTestDatabase(clock);
    private final User manager = fixtures.user(Role.GRANT_MANAGER, null);

    @TempDir
    Path directory;

    @Test
    void importsEveryRowInOneTransactionAuditedAsTheImportingUserAndNothingTwice() throws Exception {
        Scheme scheme = scheme("1000.00");
        Organisation gower = organisationWithWelshName();
        // The Welsh name decomposed (w + combining circumflex), as some editors write it: found after NFC
        String decomposed = Normalizer.normalize(gower.nameCy(), Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(gower.nameCy());
        Path file = csv(HEADER
                + row(scheme.code(), "W06000015", "600.00", "Spend only on care leavers | Claims quarterly in arrears")
                + row(scheme.code(), "Swansea Council", "300.00", "")
                + row(scheme.code(), decomposed, "100.00", "Spend only on care leavers"));

        assertThat(run(file, manager.username())).as(err()).isEmpty();

        List<Award> awards = awardsOf(scheme);
        assertThat(awards).extracting(award -> award.organisationId())
                .containsExactly(fixtures.cardiff().id(), fixtures.swansea().id(), gower.id());
        assertThat(awards.get(0).conditions()).containsExactly("Spend only on care leavers", "Claims quarterly in arrears");
        assertThat(awards.get(0).outcomeTargets()).singleElement().satisfies(target -> {
            assertThat(target.measure()).isEqualTo("care-leavers-supported");
            assertThat(target.description()).isEqualTo("Care leavers receiving funds");
            assertThat(target.target()).isEqualByComparingTo("90");
        });
        assertThat(fixtures.schemes().get(manager.asActor(), scheme.id()).allocated().toDecimalString())
                .isEqualTo("1000.00");
        List<String> audit = fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT actor_username || ' ' || action || ' ' || (details ->> 'job') || ' '
                               || (details ->> 'file')
                        FROM audit_events WHERE scheme_id = :scheme AND award_id IS NOT NULL ORDER BY id""")
                .bind("scheme", scheme.id().value()).mapTo(String.class).list());
        assertThat(audit).containsOnly(manager.username() + " AWARD_CREATED import-awards awards.csv").hasSize(3);
        // One transaction: the three events are consecutive in the trail (no other writer in between)
        assertThat(out()).contains("line 2: award " + awards.get(0).id(), "line 4: award " + awards.get(2).id())
                .contains("Imported 3 awards totalling £1000.00 in one transaction as " + manager.username());

        out.reset();
        err.reset();
        assertThat(run(file, manager.username())).isPresent();
        assertThat(out()).contains("line 2, organisation: W06000015 already has an award under " + scheme.code(),
                "line 3, organisation: W06000011 already has an award", "line 4, organisation: "
                        + gower.code() + " already has an award");
        assertThat(err().strip()).isEqualTo("import-awards failed: 3 of 3 row(s) of " + file
                + " have problems (listed above); nothing was imported");
        assertThat(awardsOf(scheme)).hasSize(3);
    }

    @Test
    void aDryRunChecksEveryRowAndChangesNothing() throws Exception {
        Scheme scheme = scheme("1000.00");
        Path file = csv(HEADER + row(scheme.code(), "W06000015", "600.00", "Spend only on care leavers"));

        assertThat(run(file, manager.username(), "--dry-run")).as(err()).isEmpty();

        assertThat(out()).isEqualTo("All 1 rows are valid: 1 awards totalling £600.00 would be created as "
                + manager.username() + " (dry run: nothing was changed)" + System.lineSeparator());
        assertThat(awardsOf(scheme)).isEmpty();
        assertThat(fixtures.schemes().get(manager.asActor(), scheme.id()).allocated().isZero()).isTrue();
    }

    @Test
    void aMalformedFileGetsAPreciseRowByRowReportAndImportsNothing() throws Exception {
        Scheme scheme = scheme("1000.00");
        Organisation gower = organisationWithWelshName();
        String code = scheme.code();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        file.write((HEADER
                + row(code, "W06000015", "600.00", "")
                + row(code, "W06000011", "\"1,000.00\"", "")
                + row(code, "W06000001", "£5", "")
                + row(code, gower.nameCy().replace('ŵ', 'w'), "10.00", "")
                + row(code, "W06000002", "500.00", "")
                + row(code, "Cardiff Council", "10.00", "")).getBytes(StandardCharsets.UTF_8));
        // "Cyngor â chyllid" saved as Windows-1252: â is the single byte 0xE2
        file.write((code + ",2019-20,W06000003,10.00,Cyngor ").getBytes(StandardCharsets.UTF_8));
        file.write(0xE2);
        file.write((" chyllid," + TARGET + "\r\n"
                + row("NO-SUCH-SCHEME", "W06000004", "10.00", "")
                + row(code, gower.nameCy(), "10.00", "")).getBytes(StandardCharsets.UTF_8));
        Path path = Files.write(directory.resolve("awards.csv"), file.toByteArray());

        assertThat(run(path, manager.username())).isPresent();

        assertThat(out().lines().toList()).containsExactly(
                "note: the file starts with a UTF-8 byte order mark (Excel's \"CSV UTF-8\" writes one); it is ignored",
                "line 3, amount: \"1,000.00\" must not group thousands with commas: write 1000.00, not 1,000.00",
                "line 4, amount: \"£5\" must be a number of pounds without a currency sign or code, such as \"5.00\"",
                "line 5, organisation: \"" + gower.nameCy().replace('ŵ', 'w') + "\" is no organisation's code, "
                        + "English name or Welsh name (names must match exactly, letters such as ŵ included)",
                "line 6, amount: \"500.00\" the awards of scheme " + code + " 2019-20 would reach £1100.00, more "
                        + "than the £1000.00 available (£1000.00 was unallocated, £600.00 of it taken by the entries "
                        + "before this one)",
                "line 7, organisation: repeats the scheme and organisation of line 2 (an import makes at most one "
                        + "award per scheme and organisation)",
                "line 8, conditions: is not UTF-8 (byte 0xE2 ('â' in Windows-1252)): save the file as \"CSV UTF-8\" "
                        + "(in Excel: Save As, CSV UTF-8)",
                "line 9, scheme: no scheme has the code \"NO-SUCH-SCHEME\" in 2019-20");
        assertThat(err().strip()).isEqualTo("import-awards failed: 7 of 9 row(s) of " + path
                + " have problems (listed above); nothing was imported");
        assertThat(awardsOf(scheme)).isEmpty();
    }

    @Test
    void wrongColumnsAreReportedOnTheFirstLine() throws Exception {
        Scheme scheme = scheme("1000.00");
        Path file = csv("scheme,year,organisation,amount,conditions,outcome_targets,amount\r\n"
                + scheme.code() + ",2019-20,W06000015,1.00,,,\r\n");

        assertThat(run(file, manager.username())).isPresent();

        assertThat(out().lines().toList()).containsExactly(
                "line 1: unknown column \"year\": the columns are " + String.join(",", columns()),
                "line 1: column \"amount\" appears twice",
                "line 1: missing column financial_year: the first line must name the columns "
                        + String.join(",", columns()));
        assertThat(awardsOf(scheme)).isEmpty();
    }

    @Test
    void aRowWithTooFewValuesOrAnUnreadableTargetIsNamed() throws Exception {
        Scheme scheme = scheme("1000.00");
        Path file = csv(HEADER + scheme.code() + ",2019-20,W06000015,1.00,Spend, carefully," + TARGET + "\r\n"
                + scheme.code() + ",2019-20,W06000011,1.00,,care-leavers-supported: 90\r\n");

        assertThat(run(file, manager.username())).isPresent();

        assertThat(out().lines().toList()).containsExactly(
                "line 2: has 7 values but the header names 6 columns (a value with a comma must be in double quotes)",
                "line 3, outcome_targets: target 1 \"care-leavers-supported: 90\" is not measure=target "
                        + "(description), such as care-leavers-supported=90 (Care leavers receiving funds)");
    }

    @Test
    void theImportingUserMustBeAnEnabledGrantManager() throws Exception {
        Scheme scheme = scheme("1000.00");
        Path file = csv(HEADER + row(scheme.code(), "W06000015", "1.00", ""));
        User recipient = fixtures.user(Role.RECIPIENT, fixtures.cardiff());

        assertThat(run(file, recipient.username())).isPresent();
        assertThat(err().strip()).isEqualTo("import-awards failed: --as " + recipient.username()
                + ": the user is a RECIPIENT; import-awards is done by a GRANT_MANAGER");

        err.reset();
        assertThat(run(file, "nobody-at-all")).isPresent();
        assertThat(err().strip()).isEqualTo("import-awards failed: --as nobody-at-all: there is no such user");
        assertThat(awardsOf(scheme)).isEmpty();
    }

    @Test
    void theSampleFileHoldsTheDemoAwardsAndChecksCleanly() throws Exception {
        String sample;
        try (InputStream in = ImportAwardsCommand.class.getResourceAsStream("/samples/awards.csv")) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(sample.lines().count()).isEqualTo(1 + 4 + 5 + 22);
        Actor actor = manager.asActor();
        // the demo's schemes under codes of their own, so the check runs on a database that may hold the demo
        String pdg = Fixtures.unique("PDG").toUpperCase().replaceAll("[^A-Z0-9]", "");
        String adoption = Fixtures.unique("ADOPT").toUpperCase().replaceAll("[^A-Z0-9]", "");
        String sddf = Fixtures.unique("SDDF").toUpperCase().replaceAll("[^A-Z0-9]", "");
        fixtures.schemes().create(actor, new NewScheme(pdg, "PDG-LAC", "PDG-LAC", "2019-20", "5000000.00", "100.00"));
        fixtures.schemes().create(actor, new NewScheme(adoption, "Adoption", "Mabwysiadu", "2019-20", "2300000.00",
                "100.00"));
        fixtures.schemes().create(actor, new NewScheme(sddf, "SDDF", "CDGD", "2019-20", "2000000.00", "100.00"));
        Path file = csv(sample.replace("PDG-LAC,", pdg + ",").replace("ADOPT,", adoption + ",")
                .replace("SDDF,", sddf + ","));

        assertThat(run(file, manager.username(), "--dry-run")).as(out() + err()).isEmpty();
        assertThat(out()).startsWith("All 31 rows are valid: 31 awards totalling £8670000.00 would be created");
    }

    private static List<String> columns() {
        return wales.gov.grants.batch.imports.AwardImport.COLUMNS;
    }

    private Scheme scheme(String budget) {
        return fixtures.scheme(manager.asActor(), budget, "100.00");
    }

    /** An organisation of the tests' own whose Welsh name has a ŵ. */
    private Organisation organisationWithWelshName() {
        String code = Fixtures.unique("T").toUpperCase().replaceAll("[^A-Z0-9]", "");
        fixtures.jdbi().useExtension(OrganisationDao.class, dao -> dao.insertIfAbsent(code,
                "Gower Test Partnership " + code, "Partneriaeth Prawf Gŵyr " + code, "REGIONAL_PARTNERSHIP_BOARD"));
        return fixtures.organisation(code);
    }

    private static String row(String scheme, String organisation, String amount, String conditions) {
        String quoted = organisation.contains(",") ? "\"" + organisation + "\"" : organisation;
        return scheme + ",2019-20," + quoted + "," + amount + "," + conditions + "," + TARGET + "\r\n";
    }

    private Path csv(String text) throws IOException {
        return Files.writeString(directory.resolve("awards.csv"), text, StandardCharsets.UTF_8);
    }

    private List<Award> awardsOf(Scheme scheme) {
        return fixtures.awards().list(manager.asActor(), new AwardService.AwardFilter(scheme.id(), null, null),
                Page.Request.of(100, 0L)).items();
    }

    private Optional<Throwable> run(Path file, String as, String... more) throws IOException {
        TestDatabase database = TestDatabase.get();
        Fixtures.signingKey();
        Path config = Files.writeString(directory.resolve("batch.yml"), "database:\n  driverClass: org.postgresql.Driver\n"
                + "  url: " + database.url() + "\n  user: " + database.user() + "\n  password: \"" + database.password()
                + "\"\nevidence:\n  storageDirectory: " + directory.resolve("evidence") + "\naudit:\n  signingKeyFile: "
                + Path.of("target", "test-audit-signing-key.pem").toAbsolutePath() + "\n");
        GrantsBatchApplication application = new GrantsBatchApplication(new PrintStream(out, true,
                StandardCharsets.UTF_8));
        Bootstrap<GrantsBatchConfiguration> bootstrap = new Bootstrap<>(application);
        // the job alone, on the tests' clock rather than the system's
        bootstrap.addCommand(new ImportAwardsCommand(new PrintStream(out, true, StandardCharsets.UTF_8), clock));
        String[] arguments = new String[4 + more.length];
        arguments[0] = "import-awards";
        arguments[1] = config.toString();
        arguments[2] = file.toString();
        arguments[3] = "--as=" + as;
        System.arraycopy(more, 0, arguments, 4, more.length);
        return new Cli(new JarLocation(GrantsBatchApplication.class), bootstrap, new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(arguments);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
