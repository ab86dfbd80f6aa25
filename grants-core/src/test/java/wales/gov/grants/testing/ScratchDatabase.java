package wales.gov.grants.testing;

import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;
import wales.gov.grants.database.Migrator;
import wales.gov.grants.wiring.GrantsServices;

/**
 * A database of its own on the test server, for tests that break the audit trail on purpose or build a schema in
 * steps (the shared test database must keep verifying), and for tests that need to know every row of a table, such
 * as how many administrators are enabled. Dropped on close.
 */
public final class ScratchDatabase implements AutoCloseable {
    private final String name;
    private final PGSimpleDataSource dataSource;
    private final Jdbi jdbi;

    private ScratchDatabase(String name, String template) {
        this.name = name;
        TestDatabase shared = TestDatabase.get();
        shared.jdbi().useHandle(handle -> handle.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE "
                + template));
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(withDatabase(shared.url(), name));
        dataSource.setUser(shared.user());
        dataSource.setPassword(shared.password());
        jdbi = GrantsServices.configure(Jdbi.create(dataSource));
    }

    /** An empty database: build its schema yourself. */
    public static ScratchDatabase empty() {
        return new ScratchDatabase(newName(), "template0");
    }

    /** A copy of another scratch database, which must have no open connections: faster than migrating again. */
    public static ScratchDatabase copyOf(ScratchDatabase template) {
        return new ScratchDatabase(newName(), template.name);
    }

    private static String newName() {
        return "grants_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** A database built by the whole changelog. */
    public static ScratchDatabase migrated() {
        ScratchDatabase database = empty();
        Migrator.migrate(database.dataSource());
        return database;
    }

    /** Its JDBC URL, with the test server's user and password ({@link TestDatabase#user()}). */
    public String url() {
        return dataSource.getUrl();
    }

    public PGSimpleDataSource dataSource() {
        return dataSource;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        TestDatabase.get().jdbi().useHandle(handle -> handle.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    private static String withDatabase(String url, String databaseName) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        String parameters = query < 0 ? "" : url.substring(query);
        return url.substring(0, slash) + "/" + databaseName + parameters;
    }
}
