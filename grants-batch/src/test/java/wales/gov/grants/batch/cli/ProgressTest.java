package wales.gov.grants.batch.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import wales.gov.grants.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {
    private final TestClock clock = new TestClock();
    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void aTerminalSeesABarRedrawnInPlaceAndTheSummaryCountsEveryOutcome() {
        Progress progress = new Progress("packs", 4, new PrintStream(terminal, true, StandardCharsets.UTF_8), clock);
        progress.done();
        clock.advance(Duration.ofSeconds(1));
        progress.done();
        progress.skipped();
        clock.advance(Duration.ofSeconds(1));
        progress.failed();
        clock.advance(Duration.ofSeconds(63));
        progress.finish(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(terminal.toString(StandardCharsets.UTF_8))
                .contains("\r[###############---------------]  2/4  50%  packs: 2.0/s")
                .contains("4/4  100%");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("done 2, skipped 1, failed 1 in 1m 05s\n");
    }

    @Test
    void withoutATerminalNothingIsDrawnAndAnUnknownTotalIsShownAsACount() {
        Progress progress = new Progress("awards", 0, null, clock);
        progress.done();
        clock.advance(Duration.ofMillis(1500));
        progress.finish(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("done 1, skipped 0, failed 0 in 1.5s\n");
    }

    @Test
    void longRunsAreShownInHours() {
        assertThat(Progress.format(Duration.ofSeconds(3 * 3600 + 4 * 60 + 5))).isEqualTo("3h 04m 05s");
        assertThat(Progress.format(Duration.ofSeconds(59))).isEqualTo("59.0s");
    }
}
