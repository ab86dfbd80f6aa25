package wales.gov.grants.batch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class BatchMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void anUnknownJobPrintsUsageAndExitsTwo() {
        assertThat(run("no-such-job", "config.yml")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:").contains("migrate");
    }

    @Test
    void migrateBringsTheConfiguredDatabaseUpToDate(@TempDir Path directory) throws Exception {
        TestDatabase database = TestDatabase.get();
        Path config = directory.resolve("batch.yml");
        Files.writeString(config, "database:\n  url: " + database.url() + "\n  user: " + database.user()
                + "\n  password: \"" + database.password() + "\"\n");
        assertThat(run("migrate", config.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("up to date");
    }

    @Test
    void anUnreachableDatabaseFailsWithAClearMessageAndExitsOne(@TempDir Path directory) throws Exception {
        Path config = directory.resolve("batch.yml");
        Files.writeString(config, "database:\n  url: jdbc:postgresql://127.0.0.1:1/nowhere\n  user: nobody\n");
        assertThat(run("migrate", config.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("FAILED").contains("cannot connect");
    }

    private int run(String... args) {
        return BatchMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
