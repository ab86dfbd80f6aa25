package wales.gov.grants.wiring;

import java.time.Clock;
import java.util.function.Function;

import javax.sql.DataSource;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import wales.gov.grants.audit.AuditSigningKey;
import wales.gov.grants.database.StatementNamingTemplateEngine;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.packs.AuditPackService;

import static java.util.Objects.requireNonNull;

/**
 * Everything the services run on, built from the configuration in one place for the server and the batch jobs:
 * the migrated database ({@link MigratedDatabase}), the JDBI configured for this schema, the evidence store and
 * the services. Closing stops the database.
 */
public final class GrantsRuntime implements AutoCloseable {
    /** Makes the {@link Jdbi} over the pool; the server's registers a health check and metrics with it. */
    @FunctionalInterface
    public interface JdbiSource {
        Jdbi create(DataSourceFactory settings, ManagedDataSource dataSource);
    }

    private final MigratedDatabase database;
    private final EvidenceStorage evidenceStorage;
    private final Function<Clock, GrantsServices> servicesOn;
    private final GrantsServices services;

    private GrantsRuntime(MigratedDatabase database, EvidenceStorage evidenceStorage,
                          Function<Clock, GrantsServices> servicesOn, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.evidenceStorage = requireNonNull(evidenceStorage, "evidenceStorage is null");
        this.servicesOn = requireNonNull(servicesOn, "servicesOn is null");
        this.services = servicesOn.apply(clock);
    }

    public static GrantsRuntime start(GrantsCoreConfiguration configuration, MetricRegistry metrics, Clock clock) {
        return start(configuration, metrics, clock, (settings, dataSource) -> Jdbi.create(dataSource));
    }

    public static GrantsRuntime start(GrantsCoreConfiguration configuration, MetricRegistry metrics, Clock clock,
                                      JdbiSource jdbiSource) {
        // First, so that a weak production configuration or one without the key that signs the audit trail stops
        // before touching anything
        ProductionChecks.beforeStart(configuration);
        AuditConfiguration audit = configuration.getAudit();
        AuditSigningKey signingKey = configuration.getMode() == GrantsCoreConfiguration.Mode.DEMO
                ? AuditSigningKey.loadOrCreate(audit.getSigningKeyFile())
                : AuditSigningKey.load(audit.getSigningKeyFile());
        MigratedDatabase database = MigratedDatabase.open(configuration, metrics);
        try {
            Jdbi jdbi = GrantsServices.configure(jdbiSource.create(database.settings(), database.dataSource()));
            ProductionChecks.onDatabase(configuration, jdbi);
            if (database.settings().isAutoCommentsEnabled()) {
                jdbi.setTemplateEngine(new StatementNamingTemplateEngine(new DefinedAttributeTemplateEngine()));
            }
            EvidenceConfiguration evidence = configuration.getEvidence();
            EvidenceStorage storage = new EvidenceStorage(evidence.getStorageDirectory(),
                    evidence.getMaxUploadSize().toBytes());
            GrantsServices.SignIn signIn = signIn(configuration);
            AuditPackService.Settings packs = new AuditPackService.Settings(
                    audit.getPackAttachmentLimit().toBytes(), audit.getPackWorkDirectory());
            return new GrantsRuntime(database, storage,
                    servicesClock -> GrantsServices.build(jdbi, servicesClock, storage, signIn, signingKey, packs,
                            configuration.getDelegations().getMaxDays()), clock);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static GrantsServices.SignIn signIn(GrantsCoreConfiguration configuration) {
        AuthConfiguration auth = configuration.getAuth();
        return new GrantsServices.SignIn(auth.getBcryptCost(), auth.getTokenLifetime().toJavaDuration(),
                auth.getVerifiedPasswordCache().toJavaDuration(), auth.getThrottleWindow().toJavaDuration(),
                auth.getMaxFailuresPerUsername(), auth.getMaxFailuresPerAddress(),
                configuration.getMode() == GrantsCoreConfiguration.Mode.DEMO);
    }

    public GrantsServices services() {
        return services;
    }

    /** The same services on another clock: the demo data's stories run on clocks of their own, in 2019-20. */
    public GrantsServices servicesOn(Clock clock) {
        return servicesOn.apply(requireNonNull(clock, "clock is null"));
    }

    /** The connection pool the services run on, for what takes a plain {@link DataSource} (the jobs' scheduler). */
    public DataSource dataSource() {
        return database.dataSource();
    }

    public EvidenceStorage evidenceStorage() {
        return evidenceStorage;
    }

    @Override
    public void close() {
        database.close();
    }
}
