package wales.gov.grants.batch.cli;

import java.io.IOException;
import java.io.PrintStream;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import net.sourceforge.argparse4j.inf.Namespace;
import wales.gov.grants.batch.GrantsBatchConfiguration;
import wales.gov.grants.database.DatabaseStartupException;
import wales.gov.grants.kernel.DomainException;

import static java.util.Objects.requireNonNull;

/**
 * A job: a command that reads the configuration file (with environment substitution and validation by Dropwizard)
 * and reports on {@link #out()}. A failure is one line on standard error, {@code <job> failed: <why>}; only an
 * unexpected exception, a bug, adds its stack trace.
 */
public abstract class JobCommand extends ConfiguredCommand<GrantsBatchConfiguration> {
    private final PrintStream out;

    protected JobCommand(String name, String description, PrintStream out) {
        super(name, description);
        this.out = requireNonNull(out, "out is null");
    }

    protected PrintStream out() {
        return out;
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        cli.getStdErr().println(getName() + " failed: " + oneLine(error));
        if (!isExpected(error)) {
            error.printStackTrace(cli.getStdErr());
        }
    }

    /** A bad or missing configuration file, an unreachable database, a broken business rule: the message says it. */
    private static boolean isExpected(Throwable error) {
        return error instanceof ConfigurationException || error instanceof IOException
                || error instanceof DatabaseStartupException || error instanceof DomainException
                || error instanceof JobFailedException;
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.toString() : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
