package wales.gov.grants.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.testing.TestDatabase;

/**
 * Runs the batch's jobs as {@code java -jar grants-batch.jar} would, on the test database and a {@link TestClock},
 * with a configuration file written for them; each run captures its own output.
 */
final class BatchJobs {
    /** Financial years no other test uses, one per test that closes a whole year: 2001-02, 2002-03, ... */
    private static final AtomicInteger FRESH_YEAR = new AtomicInteger(2000);

    private final TestClock clock;
    private final Path config;

    BatchJobs(TestClock clock, Path directory, String extraConfiguration) {
        this.clock = clock;
        TestDatabase database = TestDatabase.get();
        Fixtures.signingKey();
        try {
            this.config = Files.writeString(directory.resolve("batch.yml"), "database:\n"
                    + "  driverClass: org.postgresql.Driver\n"
                    + "  url: " + database.url() + "\n"
                    + "  user: " + database.user() + "\n"
                    + "  password: \"" + database.password() + "\"\n"
                    + "evidence:\n  storageDirectory: " + directory.resolve("evidence") + "\n"
                    + "audit:\n  signingKeyFile: " + Path.of("target", "test-audit-signing-key.pem").toAbsolutePath()
                    + "\n" + extraConfiguration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A financial year, such as {@code 2001-02}, whose schemes only the calling test makes. */
    static String freshFinancialYear() {
        int start = FRESH_YEAR.incrementAndGet();
        return String.format("%d-%02d", start, (start + 1) % 100);
    }

    /** Runs {@code job} with the configuration file and then {@code options}. */
    Result run(String job, String... options) {
        String[] arguments = new String[options.length + 2];
        arguments[0] = job;
        arguments[1] = config.toString();
        System.arraycopy(options, 0, arguments, 2, options.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        GrantsBatchApplication application = new GrantsBatchApplication(outStream, clock);
        Bootstrap<GrantsBatchConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        Optional<Throwable> failure = new Cli(new JarLocation(GrantsBatchApplication.class), bootstrap, outStream,
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(arguments);
        return new Result(failure, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** How a run ended, and what it printed on standard output and standard error. */
    record Result(Optional<Throwable> failure, String out, String err) {
        boolean succeeded() {
            return failure.isEmpty();
        }

        /** The lines of the output that mention {@code text}. */
        java.util.List<String> linesWith(String text) {
            return out.lines().filter(line -> line.contains(text)).toList();
        }
    }
}
