package wales.gov.grants.batch.cli;

import java.io.PrintStream;

import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import wales.gov.grants.batch.GrantsBatchConfiguration;
import wales.gov.grants.wiring.MigratedDatabase;

/** Brings the database schema up to this version, as the server does at start-up, and stops. */
public class MigrateCommand extends JobCommand {
    public MigrateCommand(PrintStream out) {
        super("migrate", "bring the database schema up to this version (the server also does this at start-up)",
                out);
    }

    @Override
    protected void run(Bootstrap<GrantsBatchConfiguration> bootstrap, Namespace namespace,
                       GrantsBatchConfiguration configuration) {
        // opening migrates it
        MigratedDatabase.open(configuration, bootstrap.getMetricRegistry()).close();
        out().println("Database schema is up to date");
    }
}
