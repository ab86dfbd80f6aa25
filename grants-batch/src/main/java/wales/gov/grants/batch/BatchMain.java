package wales.gov.grants.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import org.postgresql.ds.PGSimpleDataSource;
import wales.gov.grants.database.DatabaseStartupException;
import wales.gov.grants.database.EmbeddedDatabase;
import wales.gov.grants.database.Migrator;

/**
 * Entry point of the command-line jobs: {@code java -jar grants-batch.jar <job> <config.yml> [options]}.
 * Reads the same configuration file as the server (database section, with environment substitution).
 * Exits 0 on success, 1 when a job fails, 2 on a usage error.
 */
public final class BatchMain {
    /** What a job does, against the configured database. */
    @FunctionalInterface
    interface JobAction {
        void run(BatchDatabase database, String[] options, PrintStream out) throws Exception;
    }

    record Job(String description, JobAction action) {
    }

    private static final Map<String, Job> JOBS = new TreeMap<>(Map.of(
            "migrate", new Job("bring the database schema up to this version (the server also does this at start-up)",
                    (database, options, out) -> {
                        Migrator.migrate(database.dataSource());
                        out.println("Database schema is up to date");
                    })));

    private BatchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || !JOBS.containsKey(args[0])) {
            err.println("usage: java -jar grants-batch.jar <job> <config.yml> [options]");
            err.println("jobs:");
            JOBS.forEach((name, job) -> err.printf("  %-12s %s%n", name, job.description()));
            return 2;
        }
        Path configuration = Path.of(args[1]);
        if (!Files.isReadable(configuration)) {
            err.println("cannot read configuration file " + configuration.toAbsolutePath());
            return 2;
        }
        try (BatchDatabase database = BatchDatabase.open(readDatabaseSection(configuration))) {
            JOBS.get(args[0]).action().run(database, Arrays.copyOfRange(args, 2, args.length), out);
            return 0;
        } catch (DatabaseStartupException e) {
            err.println("FAILED: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("FAILED: " + args[0] + ": " + e);
            return 1;
        }
    }

    private static JsonNode readDatabaseSection(Path configuration) throws IOException {
        String substituted = new EnvironmentVariableSubstitutor(false).replace(Files.readString(configuration));
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(substituted);
        JsonNode database = root == null ? null : root.get("database");
        if (database == null) {
            throw new IOException(configuration + " has no database section");
        }
        JsonNode embeddedDirectory = root.get("embeddedDataDirectory");
        return ((com.fasterxml.jackson.databind.node.ObjectNode) database.deepCopy())
                .put("embeddedDataDirectory", embeddedDirectory == null ? "data/postgres" : embeddedDirectory.asText());
    }

    /** The configured database: an external server, or the embedded one with the server's data directory. */
    record BatchDatabase(PGSimpleDataSource dataSource, EmbeddedDatabase embedded) implements AutoCloseable {
        static BatchDatabase open(JsonNode section) {
            String url = text(section, "url", "embedded");
            EmbeddedDatabase embedded = null;
            String user = text(section, "user", "");
            String password = text(section, "password", "");
            if (url.equals("embedded")) {
                embedded = EmbeddedDatabase.start(Path.of(text(section, "embeddedDataDirectory", "data/postgres")),
                        "grants");
                url = embedded.jdbcUrl();
                user = embedded.user();
                password = "";
            }
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(url);
            dataSource.setUser(user);
            dataSource.setPassword(password);
            return new BatchDatabase(dataSource, embedded);
        }

        private static String text(JsonNode section, String field, String fallback) {
            JsonNode value = section.get(field);
            return value == null || value.isNull() ? fallback : value.asText();
        }

        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
