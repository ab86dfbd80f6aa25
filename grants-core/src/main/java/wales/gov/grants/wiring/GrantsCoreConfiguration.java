package wales.gov.grants.wiring;

import java.nio.file.Path;

import io.dropwizard.db.DataSourceFactory;

/**
 * The sections of the configuration file that the server and the batch jobs both read, so one file such as
 * {@code grants-api/config/production.yml} serves both. Each application's Dropwizard {@code Configuration} holds
 * them as top-level properties (Dropwizard's {@code Configuration} lives with the server classes, which core may
 * not see); {@link GrantsRuntime} builds everything from them.
 */
public interface GrantsCoreConfiguration {
    /** The database URL that starts an embedded PostgreSQL with its data in the embedded data directory. */
    String EMBEDDED = "embedded";

    /**
     * {@code DEMO} loads the demo data and lets the demo users sign in. {@code PRODUCTION} refuses them, and refuses
     * to start on a weak configuration (see {@link ProductionChecks}). {@code TEST} is production for everything a
     * request sees, without those start-up checks: test suites hash with a cheap bcrypt and share one database with
     * demo-mode servers. Never for real users: the server says so when it starts.
     */
    enum Mode { DEMO, PRODUCTION, TEST }

    Mode getMode();

    /** With the URL {@value #EMBEDDED}, an embedded PostgreSQL is started instead of connecting to a server. */
    DataSourceFactory getDatabase();

    Path getEmbeddedDataDirectory();

    EvidenceConfiguration getEvidence();

    AuthConfiguration getAuth();

    AuditConfiguration getAudit();

    /** The defaults unless the application's configuration has a {@code delegations} section. */
    default DelegationConfiguration getDelegations() {
        return new DelegationConfiguration();
    }
}
