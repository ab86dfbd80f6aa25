package wales.gov.grants.wiring;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import wales.gov.grants.database.DatabaseStartupException;
import wales.gov.grants.database.EmbeddedDatabase;
import wales.gov.grants.database.Migrator;

import static java.util.Objects.requireNonNull;

/**
 * The configured PostgreSQL, brought up to this version's schema: the embedded one, started here, when the URL is
 * {@value GrantsCoreConfiguration#EMBEDDED}, otherwise the named server; and a connection pool to it. Closing stops
 * the pool, then the embedded PostgreSQL.
 */
public final class MigratedDatabase implements AutoCloseable {
    private final DataSourceFactory settings;
    private final ManagedDataSource dataSource;
    private final EmbeddedDatabase embedded;

    private MigratedDatabase(DataSourceFactory settings, ManagedDataSource dataSource, EmbeddedDatabase embedded) {
        this.settings = requireNonNull(settings, "settings is null");
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.embedded = embedded;
    }

    /**
     * Opens the database of {@code configuration} and migrates it. For an embedded database the configuration's
     * database section is pointed at the started server, so whatever reads it later (a health check) sees the
     * real address.
     */
    public static MigratedDatabase open(GrantsCoreConfiguration configuration, MetricRegistry metrics) {
        DataSourceFactory settings = configuration.getDatabase();
        EmbeddedDatabase embedded = null;
        if (GrantsCoreConfiguration.EMBEDDED.equals(settings.getUrl())) {
            embedded = EmbeddedDatabase.start(configuration.getEmbeddedDataDirectory(), "grants");
            settings.setUrl(embedded.jdbcUrl());
            settings.setUser(embedded.user());
            settings.setPassword("");
        }
        try {
            checkReachable(settings);
            ManagedDataSource dataSource = settings.build(metrics, "postgresql");
            try {
                Migrator.migrate(dataSource);
            } catch (RuntimeException e) {
                stop(dataSource);
                throw e;
            }
            return new MigratedDatabase(settings, dataSource, embedded);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /**
     * Fails with one message if the database cannot be reached: the pool would report it too, but as an error log
     * with its whole stack trace, before the failure that says the same.
     */
    private static void checkReachable(DataSourceFactory settings) {
        Properties properties = new Properties();
        properties.putAll(settings.getProperties());
        if (settings.getUser() != null) {
            properties.setProperty("user", settings.getUser());
        }
        if (settings.getPassword() != null) {
            properties.setProperty("password", settings.getPassword());
        }
        try {
            DriverManager.getConnection(settings.getUrl(), properties).close();
        } catch (SQLException e) {
            throw new DatabaseStartupException("cannot connect to the database: " + e.getMessage(), e);
        }
    }

    public DataSourceFactory settings() {
        return settings;
    }

    public ManagedDataSource dataSource() {
        return dataSource;
    }

    /** Stops the pool (a second stop, as by the server's lifecycle, does nothing), then the embedded PostgreSQL. */
    @Override
    public void close() {
        try {
            stop(dataSource);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static void stop(ManagedDataSource dataSource) {
        try {
            dataSource.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the connection pool: " + e.getMessage(), e);
        }
    }
}
