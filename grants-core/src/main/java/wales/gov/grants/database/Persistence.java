package wales.gov.grants.database;

import java.util.Collection;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectFactory;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Everything a {@link Jdbi} needs to work with this schema, applied the same way by the API, batch and tests. */
public final class Persistence {
    private Persistence() {
    }

    /** @param daos every SQL Object interface the application attaches, so their metadata is built once */
    public static Jdbi configure(Jdbi jdbi, Collection<Class<?>> daos) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        warmExtensionMetadata(jdbi, daos);
        return jdbi;
    }

    /**
     * Builds each DAO's SQL Object metadata once, on the Jdbi itself. Otherwise the cache lives in each handle's
     * copy of the configuration, so every {@code handle.attach} on a new handle re-reads the DAO's annotations by
     * reflection: that was most of the server's CPU per request.
     */
    private static void warmExtensionMetadata(Jdbi jdbi, Collection<Class<?>> daos) {
        Extensions extensions = jdbi.getConfig(Extensions.class);
        ExtensionFactory sqlObjects = extensions.findFactory(SqlObjectFactory.class).orElseThrow();
        for (Class<?> dao : daos) {
            extensions.findMetadata(dao, sqlObjects);
        }
    }
}
