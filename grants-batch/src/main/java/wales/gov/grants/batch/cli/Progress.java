package wales.gov.grants.batch.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * What a long job shows while it works and says when it ends. On a terminal a bar redrawn in place on standard
 * error ({@code [######----]  412/2000  21%  packs: 3.1/s}); elsewhere (cron, a CI runner, a Kubernetes pod) a
 * timestamped line on standard error at most every {@link #LOG_EVERY}, so a log is not flooded. The lines are
 * printed, not logged: the jobs' console log shows warnings only, and a scheduler's log must still show progress. The summary line ({@code done 1998, skipped 2,
 * failed 0 in 2m 14s}) goes to the job's output either way.
 *
 * <p>Counts are this process's; a job shared by several processes reports the run's totals from the database in
 * its summary as well. Safe to call from several worker threads.
 */
public final class Progress {
    static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final Duration REDRAW_EVERY = Duration.ofMillis(200);
    private static final int BAR_WIDTH = 30;

    private final String what;
    private final PrintStream terminal;
    private final PrintStream log;
    private final Clock clock;
    private final Instant started;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long total;
    private Instant lastShown;

    /**
     * {@code what} names the items ("packs", "awards"); {@code total} is how many are expected (0 if not known);
     * {@code terminal} is where the bar is drawn, null when the job does not run on a terminal: then progress
     * lines go to {@code log}.
     */
    public Progress(String what, long total, PrintStream terminal, PrintStream log, Clock clock) {
        this.what = requireNonNull(what, "what is null");
        this.total = total;
        this.terminal = terminal;
        this.log = requireNonNull(log, "log is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.started = clock.instant();
        this.lastShown = started;
    }

    /** A bar on standard error when this process has a console and {@code bar} is allowed, else lines there. */
    public static Progress onStandardError(String what, long total, boolean bar, Clock clock) {
        return new Progress(what, total, bar && System.console() != null ? System.err : null, System.err, clock);
    }

    /** The number expected changed (a shared run learns its size from the database). */
    public void total(long total) {
        this.total = total;
        show(false);
    }

    public void done() {
        done.incrementAndGet();
        show(false);
    }

    public void skipped() {
        skipped.incrementAndGet();
        show(false);
    }

    public void failed() {
        failed.incrementAndGet();
        show(false);
    }

    public long doneCount() {
        return done.get();
    }

    public long skippedCount() {
        return skipped.get();
    }

    public long failedCount() {
        return failed.get();
    }

    public Duration elapsed() {
        return Duration.between(started, clock.instant());
    }

    /** Clears the bar and prints the summary on {@code out}: {@code done N, skipped N, failed N in 1m 05s}. */
    public void finish(PrintStream out) {
        show(true);
        if (terminal != null) {
            terminal.print("\r" + " ".repeat(BAR_WIDTH + 50) + "\r");
            terminal.flush();
        }
        out.println(summary());
    }

    public String summary() {
        return "done " + done.get() + ", skipped " + skipped.get() + ", failed " + failed.get() + " in "
                + format(elapsed());
    }

    private void show(boolean force) {
        Instant now = clock.instant();
        synchronized (this) {
            Duration every = terminal == null ? LOG_EVERY : REDRAW_EVERY;
            if (!force && Duration.between(lastShown, now).compareTo(every) < 0) {
                return;
            }
            lastShown = now;
        }
        long handled = done.get() + skipped.get() + failed.get();
        String rate = String.format(Locale.ROOT, "%.1f/s", rate(handled, now));
        if (terminal != null) {
            synchronized (terminal) {
                terminal.print("\r" + bar(handled) + "  " + what + ": " + rate + "   ");
                terminal.flush();
            }
        } else if (!force) {
            log.println(now.truncatedTo(ChronoUnit.SECONDS) + " " + what + ": " + handled + " of " + (total == 0 ? "?" : total) + " (" + done.get()
                    + " done, " + skipped.get() + " skipped, " + failed.get() + " failed), " + rate);
            log.flush();
        }
    }

    private String bar(long handled) {
        if (total <= 0) {
            return handled + " " + what;
        }
        int filled = (int) Math.min(BAR_WIDTH, handled * BAR_WIDTH / total);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]  " + handled + "/" + total + "  "
                + Math.min(100, handled * 100 / total) + "%";
    }

    private double rate(long handled, Instant now) {
        long millis = Math.max(1, Duration.between(started, now).toMillis());
        return handled * 1000.0 / millis;
    }

    static String format(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", elapsed.toMillis() / 1000.0);
        }
        return seconds / 3600 > 0
                ? String.format(Locale.ROOT, "%dh %02dm %02ds", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
}
