package wales.gov.grants.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Applies the Liquibase changelog of the {@code migrations} module, refusing a schema newer than it knows. */
public final class Migrator {
    public static final String CHANGELOG = "db/migrations.xml";
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    private Migrator() {
    }

    public static void migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            migrate(connection);
        } catch (SQLException e) {
            throw new DatabaseStartupException("cannot connect to the database to migrate it: " + e.getMessage(), e);
        }
    }

    public static void migrate(Connection connection) {
        routeLiquibaseOutputToLogs();
        try {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            // Liquibase's console messages go to the log instead of standard output
            Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> {
                try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)) {
                    refuseUnknownChangeSets(liquibase);
                    liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
                    liquibase.update();
                }
            });
            LOG.info("Database schema is up to date");
        } catch (LiquibaseException e) {
            throw new DatabaseStartupException("database migration failed: " + e.getMessage(), e);
        } catch (Exception e) {
            if (e instanceof DatabaseStartupException startup) {
                throw startup;
            }
            throw new DatabaseStartupException("database migration failed: " + e.getMessage(), e);
        }
    }

    private static void routeLiquibaseOutputToLogs() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    private static void refuseUnknownChangeSets(Liquibase liquibase) throws LiquibaseException {
        Collection<RanChangeSet> unknown = liquibase.listUnexpectedChangeSets(null, null);
        if (!unknown.isEmpty()) {
            throw new DatabaseStartupException("the database schema is newer than this version of the application "
                    + "knows (unknown change sets: " + unknown.stream().map(RanChangeSet::getId)
                    .collect(Collectors.joining(", ")) + "); upgrade the application instead of starting this one");
        }
    }
}
