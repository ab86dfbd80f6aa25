package wales.gov.grants.batch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import net.sourceforge.argparse4j.inf.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.batch.cli.JobCommand;
import wales.gov.grants.batch.cli.ServicesCommand;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestDatabase;
import wales.gov.grants.wiring.GrantsServices;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the real jobs in-process through Dropwizard's command line, as {@code main} does but without exiting. */
class GrantsBatchApplicationTest {
    private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/nowhere";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path directory;

    @Test
    void migrateOnAnUpToDateDatabaseSucceedsAndSaysSo() throws Exception {
        TestDatabase database = TestDatabase.get();
        Path config = write(databaseSection(database.url(), database.user())
                + "  password: \"" + database.password() + "\"\n");

        assertThat(run("migrate", config.toString())).as(err()).isEmpty();
        assertThat(out()).isEqualTo("Database schema is up to date" + System.lineSeparator());
    }

    @Test
    void aServicesCommandRunsOnTheServicesBuiltFromTheConfiguration() throws Exception {
        TestDatabase database = TestDatabase.get();
        Path evidence = directory.resolve("evidence");
        Path config = write(databaseSection(database.url(), database.user())
                + "  password: \"" + database.password() + "\"\n"
                + "evidence:\n  storageDirectory: " + evidence + "\n"
                + "audit:\n  signingKeyFile: " + signingKeyFile() + "\n");
        Clock clock = Clock.fixed(Instant.parse("2020-03-31T17:00:00Z"), ZoneOffset.UTC);
        ServicesCommand job = new ServicesCommand("what-time", "print the services' clock", printOut(), clock) {
            @Override
            protected void run(GrantsServices services, GrantsBatchConfiguration configuration, Namespace namespace,
                               PrintStream out) {
                out.println(services.clock().instant());
            }
        };

        assertThat(run(job, "what-time", config.toString())).as(err()).isEmpty();
        assertThat(out()).isEqualTo("2020-03-31T17:00:00Z" + System.lineSeparator());
        assertThat(evidence.resolve("tmp")).isDirectory();
    }

    @Test
    void migrateSubstitutesTheEnvironmentLikeTheServer() throws Exception {
        Path config = write(databaseSection("${GRANTS_BATCH_TEST_UNSET:-jdbc:postgresql://127.0.0.1:1/substituted}",
                "nobody"));

        assertThat(run("migrate", config.toString())).isPresent();
        assertThat(err()).contains("127.0.0.1:1");
    }

    @Test
    void anUnreachableDatabaseFailsInOneLine() throws Exception {
        Path config = write(databaseSection(UNREACHABLE, "nobody"));

        assertThat(run("migrate", config.toString())).isPresent();
        assertThat(err()).startsWith("migrate failed: cannot connect to the database").hasLineCount(1);
        assertThat(out()).isEmpty();
    }

    @Test
    void aMissingConfigurationFileFailsInOneLine() {
        assertThat(run("migrate", directory.resolve("missing.yml").toString())).isPresent();
        assertThat(err()).startsWith("migrate failed: ").contains("missing.yml").contains("not found")
                .hasLineCount(1);
    }

    @Test
    void anInvalidConfigurationFailsNamingTheSetting() throws Exception {
        Path config = write(databaseSection(UNREACHABLE, "nobody") + "auth:\n  bcryptCost: 2\n");

        assertThat(run("migrate", config.toString())).isPresent();
        assertThat(err()).startsWith("migrate failed: ").contains("auth.bcryptCost").hasLineCount(1);
    }

    @Test
    void anUnknownSettingIsRefused() throws Exception {
        Path config = write(databaseSection(UNREACHABLE, "nobody") + "evidnce: {}\n");

        assertThat(run("migrate", config.toString())).isPresent();
        assertThat(err()).startsWith("migrate failed: ").contains("evidnce").hasLineCount(1);
    }

    @Test
    void theServersConfigurationFilesAreValidForTheJobs() {
        Path configurations = Path.of("..", "grants-api", "config");

        assertThat(run("check", configurations.resolve("demo.yml").toString())).as(err()).isEmpty();
        assertThat(run("check", configurations.resolve("production.yml").toString())).as(err()).isEmpty();
        assertThat(out()).isEqualTo(("Configuration is valid" + System.lineSeparator()).repeat(2));
    }

    @Test
    void helpListsTheJobs() {
        assertThat(run("--help")).isEmpty();
        assertThat(out()).contains("migrate").contains("check").doesNotContain("server");
    }

    @Test
    void anUnknownJobFailsWithTheUsage() {
        assertThat(run("no-such-job", "config.yml")).isPresent();
        assertThat(err()).contains("no-such-job").contains("migrate");
    }

    private Optional<Throwable> run(String... arguments) {
        return run(null, arguments);
    }

    /** Runs the application's jobs, and {@code extraJob} if not null, on the captured streams. */
    private Optional<Throwable> run(JobCommand extraJob, String... arguments) {
        GrantsBatchApplication application = new GrantsBatchApplication(printOut());
        Bootstrap<GrantsBatchConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        if (extraJob != null) {
            bootstrap.addCommand(extraJob);
        }
        return new Cli(new JarLocation(GrantsBatchApplication.class), bootstrap, out, err).run(arguments);
    }

    private PrintStream printOut() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private static String databaseSection(String url, String user) {
        return "database:\n  driverClass: org.postgresql.Driver\n  url: " + url + "\n  user: " + user + "\n";
    }

    /** Production mode refuses to start without the key that signs the audit trail: the tests' own key. */
    private static Path signingKeyFile() {
        Fixtures.signingKey();
        return Path.of("target", "test-audit-signing-key.pem").toAbsolutePath();
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(Files.createTempFile(directory, "batch", ".yml"), yaml);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
