package wales.gov.grants.batch.cli;

import java.io.PrintStream;
import java.time.Clock;

import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import wales.gov.grants.batch.GrantsBatchConfiguration;
import wales.gov.grants.wiring.GrantsRuntime;
import wales.gov.grants.wiring.GrantsServices;

import static java.util.Objects.requireNonNull;

/**
 * A job that works through the services, so it keeps every rule the server keeps: the database is opened and
 * migrated as at server start-up, the services are built as the server builds them, and everything is stopped
 * when the job ends. A new job extends this, implements {@link #run(GrantsServices, GrantsBatchConfiguration, Namespace, PrintStream)} and
 * is added in {@code GrantsBatchApplication.initialize}; it declares its own options by overriding
 * {@code configure(Subparser)} (calling {@code super.configure} first, which adds the file argument).
 */
public abstract class ServicesCommand extends JobCommand {
    private final Clock clock;

    /** {@code clock} is the services' clock: the system clock in production, a fixed one in tests. */
    protected ServicesCommand(String name, String description, PrintStream out, Clock clock) {
        super(name, description, out);
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    protected final void run(Bootstrap<GrantsBatchConfiguration> bootstrap, Namespace namespace,
                             GrantsBatchConfiguration configuration) throws Exception {
        try (GrantsRuntime runtime = GrantsRuntime.start(configuration, bootstrap.getMetricRegistry(), clock)) {
            run(runtime.services(), configuration, namespace, out());
        }
    }

    /**
     * Does the job; what it prints on {@code out} is its result. {@code configuration} is the file's, for a job's
     * own section.
     */
    protected abstract void run(GrantsServices services, GrantsBatchConfiguration configuration, Namespace namespace,
                                PrintStream out) throws Exception;
}
