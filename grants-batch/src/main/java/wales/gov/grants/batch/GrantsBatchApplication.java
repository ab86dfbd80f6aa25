package wales.gov.grants.batch;

import java.io.PrintStream;
import java.time.Clock;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import wales.gov.grants.batch.cli.AuditPacksCommand;
import wales.gov.grants.batch.cli.CheckConfigurationCommand;
import wales.gov.grants.batch.cli.CloseYearCommand;
import wales.gov.grants.batch.cli.Export360GivingCommand;
import wales.gov.grants.batch.cli.ImportAwardsCommand;
import wales.gov.grants.batch.cli.MigrateCommand;
import wales.gov.grants.batch.cli.RemindersCommand;
import wales.gov.grants.batch.cli.VerifyAuditCommand;
import wales.gov.grants.batch.cli.VerifyPackCommand;
import wales.gov.grants.batch.runs.EngineSettings;

import static java.util.Objects.requireNonNull;

/**
 * The command-line jobs: {@code java -jar grants-batch.jar <job> <config.yml>}, reading the server's configuration
 * file. Each job is a command registered in {@link #initialize}; {@code --help} lists them, and a job that fails
 * says why in one line and exits 1.
 */
public class GrantsBatchApplication extends Application<GrantsBatchConfiguration> {
    private final PrintStream out;
    private final Clock clock;

    public GrantsBatchApplication() {
        this(System.out, Clock.systemUTC());
    }

    /** {@code out} receives what the jobs report; the log goes to standard error. */
    GrantsBatchApplication(PrintStream out) {
        this(out, Clock.systemUTC());
    }

    /**
     * {@code out} receives what the jobs report; the log goes to standard error. {@code clock} is the jobs' clock:
     * the system's in production, a test's own in tests.
     */
    GrantsBatchApplication(PrintStream out, Clock clock) {
        this.out = requireNonNull(out, "out is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public static void main(String[] args) throws Exception {
        new GrantsBatchApplication().run(args);
    }

    @Override
    public String getName() {
        return "grants-batch";
    }

    /** No {@code server}, and a {@code check} of our own (see {@link CheckConfigurationCommand}). */
    @Override
    protected void addDefaultCommands(Bootstrap<GrantsBatchConfiguration> bootstrap) {
    }

    @Override
    public void initialize(Bootstrap<GrantsBatchConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new CheckConfigurationCommand(out));
        bootstrap.addCommand(new MigrateCommand(out));
        bootstrap.addCommand(new VerifyAuditCommand(out, clock));
        bootstrap.addCommand(new VerifyPackCommand(out));
        bootstrap.addCommand(new CloseYearCommand(out, clock));
        bootstrap.addCommand(new RemindersCommand(out, clock));
        bootstrap.addCommand(new ImportAwardsCommand(out, clock));
        bootstrap.addCommand(new Export360GivingCommand(out, clock));
        bootstrap.addCommand(new AuditPacksCommand(out, clock, EngineSettings.DEFAULT));
    }

    /** Never called: every job is a configured command, none builds a server environment. */
    @Override
    public void run(GrantsBatchConfiguration configuration, Environment environment) {
    }
}
