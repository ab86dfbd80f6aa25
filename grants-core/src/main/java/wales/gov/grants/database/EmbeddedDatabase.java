package wales.gov.grants.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 15 started from the Maven artifact, for demos and tests when no server is configured.
 * Its data directory survives restarts, so demo work is kept.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    public static final String HOW_TO_USE_EXTERNAL = "Set GRANTS_DATABASE_URL (and GRANTS_DATABASE_USER, "
            + "GRANTS_DATABASE_PASSWORD) to use an existing PostgreSQL 15 server instead, "
            + "e.g. GRANTS_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/grants";

    private final EmbeddedPostgres postgres;
    private final String databaseName;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String databaseName) {
        this.postgres = postgres;
        this.databaseName = databaseName;
    }

    /**
     * Starts PostgreSQL on a free port with its data in {@code dataDirectory}, and makes sure
     * {@code databaseName} exists.
     */
    public static EmbeddedDatabase start(Path dataDirectory, String databaseName) {
        try {
            Files.createDirectories(dataDirectory.getParent() == null ? dataDirectory : dataDirectory.getParent());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "UTC")
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, databaseName);
            database.createDatabaseIfMissing();
            LOG.info("Embedded PostgreSQL is running on port {} with data in {}", postgres.getPort(),
                    dataDirectory.toAbsolutePath());
            return database;
        } catch (IOException | RuntimeException e) {
            throw new DatabaseStartupException("The embedded PostgreSQL could not start (data directory "
                    + dataDirectory.toAbsolutePath() + "): " + e.getMessage() + ". " + HOW_TO_USE_EXTERNAL, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", databaseName);
    }

    public String user() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, databaseName);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + databaseName.replace("\"", "") + "\" ENCODING 'UTF8'");
            }
        } catch (SQLException e) {
            throw new DatabaseStartupException("cannot create database " + databaseName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
