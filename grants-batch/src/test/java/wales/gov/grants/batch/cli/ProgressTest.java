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
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Test
    void aTerminalSeesABarRedrawnInPlaceAndTheSummaryCountsEveryOutcome() {
        Progress progress = new Progress("packs", 4, new PrintStream(terminal, true, StandardCharsets.UTF_8),
                new PrintStream(log, true, StandardCharsets.UTF_8), clock);
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
        assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void withoutATerminalATimestampedLineIsPrintedAtMostEveryTenSecondsAndAnUnknownTotalIsShownAsAQuestion() {
        Progress progress = new Progress("awards", 0, null, new PrintStream(log, true, StandardCharsets.UTF_8),
                clock);
        progress.done();
        clock.advance(Duration.ofSeconds(5));
        progress.done();
        clock.advance(Duration.ofSeconds(6));
        progress.skipped();
        clock.advance(Duration.ofSeconds(1));
        progress.done();
        progress.finish(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(log.toString(StandardCharsets.UTF_8))
                .isEqualTo("2020-04-15T09:30:11Z awards: 3 of ? (2 done, 1 skipped, 0 failed), 0.3/s\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("done 3, skipped 1, failed 0 in 12.0s\n");
    }

    @Test
    void longRunsAreShownInHours() {
        assertThat(Progress.format(Duration.ofSeconds(3 * 3600 + 4 * 60 + 5))).isEqualTo("3h 04m 05s");
        assertThat(Progress.format(Duration.ofSeconds(59))).isEqualTo("59.0s");
    }
}
