package wales.gov.grants.batch;

import java.nio.file.Path;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.common.LoggingFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import wales.gov.grants.batch.export.ThreeSixtyGivingConfiguration;
import wales.gov.grants.wiring.AuditConfiguration;
import wales.gov.grants.wiring.DelegationConfiguration;
import wales.gov.grants.wiring.AuthConfiguration;
import wales.gov.grants.wiring.EvidenceConfiguration;
import wales.gov.grants.wiring.GrantsCoreConfiguration;

/**
 * The jobs' configuration: the server's file, read for the sections shared with the server. The server's own
 * sections ({@code server}, {@code metrics}) are accepted and unused.
 */
public class GrantsBatchConfiguration extends Configuration implements GrantsCoreConfiguration {
    @NotNull
    private Mode mode = Mode.PRODUCTION;

    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    @NotNull
    private Path embeddedDataDirectory = Path.of("data", "postgres");

    @Valid
    @NotNull
    private AuthConfiguration auth = new AuthConfiguration();

    @Valid
    @NotNull
    private EvidenceConfiguration evidence = new EvidenceConfiguration();

    @Valid
    @NotNull
    private AuditConfiguration audit = new AuditConfiguration();

    @Valid
    @NotNull
    private DelegationConfiguration delegations = new DelegationConfiguration();

    @Valid
    @NotNull
    private RemindersConfiguration reminders = new RemindersConfiguration();

    @Valid
    @NotNull
    private ThreeSixtyGivingConfiguration threeSixtyGiving = new ThreeSixtyGivingConfiguration();

    @Override
    @JsonProperty
    public Mode getMode() {
        return mode;
    }

    @JsonProperty
    public void setMode(Mode mode) {
        this.mode = mode;
    }

    @Override
    @JsonProperty
    public DataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    @Override
    @JsonProperty
    public Path getEmbeddedDataDirectory() {
        return embeddedDataDirectory;
    }

    @JsonProperty
    public void setEmbeddedDataDirectory(Path embeddedDataDirectory) {
        this.embeddedDataDirectory = embeddedDataDirectory;
    }

    @Override
    @JsonProperty
    public AuthConfiguration getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(AuthConfiguration auth) {
        this.auth = auth;
    }

    @Override
    @JsonProperty
    public AuditConfiguration getAudit() {
        return audit;
    }

    @JsonProperty
    public void setAudit(AuditConfiguration audit) {
        this.audit = audit;
    }

    @Override
    @JsonProperty
    public DelegationConfiguration getDelegations() {
        return delegations;
    }

    @JsonProperty
    public void setDelegations(DelegationConfiguration delegations) {
        this.delegations = delegations;
    }

    @Override
    @JsonProperty
    public EvidenceConfiguration getEvidence() {
        return evidence;
    }

    @JsonProperty
    public void setEvidence(EvidenceConfiguration evidence) {
        this.evidence = evidence;
    }

    /** The days the {@code reminders} job allows before something is overdue; only the jobs read it. */
    @JsonProperty
    public RemindersConfiguration getReminders() {
        return reminders;
    }

    @JsonProperty
    public void setReminders(RemindersConfiguration reminders) {
        this.reminders = reminders;
    }

    /** How {@code export-360giving} names the funder, the grants and the recipients. */
    @JsonProperty
    public ThreeSixtyGivingConfiguration getThreeSixtyGiving() {
        return threeSixtyGiving;
    }

    @JsonProperty
    public void setThreeSixtyGiving(ThreeSixtyGivingConfiguration threeSixtyGiving) {
        this.threeSixtyGiving = threeSixtyGiving;
    }

    /**
     * The log as the file configures it, except on the console: a job's standard output is its result, so console
     * appenders write to standard error, and only warnings and errors.
     */
    @Override
    @JsonProperty("logging")
    public synchronized LoggingFactory getLoggingFactory() {
        LoggingFactory logging = super.getLoggingFactory();
        if (logging instanceof DefaultLoggingFactory defaults) {
            for (AppenderFactory<ILoggingEvent> appender : defaults.getAppenders()) {
                if (appender instanceof ConsoleAppenderFactory<ILoggingEvent> console) {
                    console.setTarget(ConsoleAppenderFactory.ConsoleStream.STDERR);
                    console.setThreshold(Level.WARN.levelStr);
                }
            }
        }
        return logging;
    }
}
