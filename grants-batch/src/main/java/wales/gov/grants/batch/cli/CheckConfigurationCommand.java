package wales.gov.grants.batch.cli;

import java.io.PrintStream;

import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import wales.gov.grants.batch.GrantsBatchConfiguration;

/**
 * Reads and validates the configuration file without touching the database. Dropwizard's own {@code check} says
 * "Configuration is OK" only in the log, which a job keeps off the console.
 */
public class CheckConfigurationCommand extends JobCommand {
    public CheckConfigurationCommand(PrintStream out) {
        super("check", "check the configuration file (environment substituted) and stop", out);
    }

    @Override
    protected void run(Bootstrap<GrantsBatchConfiguration> bootstrap, Namespace namespace,
                       GrantsBatchConfiguration configuration) {
        out().println("Configuration is valid");
    }
}
