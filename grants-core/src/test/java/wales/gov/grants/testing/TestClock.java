package wales.gov.grants.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * The clock every test runs on: UTC, starting at {@link #START}, moved only by the test ({@link #advance},
 * {@link #set}). Each reading moves it on by one microsecond (PostgreSQL's precision), so rows the services order
 * by time keep the order they were made in, as they would on a real clock; a test that needs a whole second or a
 * day to pass moves the clock itself. Thread-safe: the API server reads it on its own threads.
 */
public final class TestClock extends Clock {
    /**
     * Mid-April 2020: after the close of the 2019-20 financial year the tests' schemes are in, so every date of
     * that year is in the past (claims, payments, receipts and outcome reports of any day of it are allowed), and
     * far enough from midnight that moving the clock by a token's lifetime stays on the same day.
     */
    public static final Instant START = Instant.parse("2020-04-15T09:30:00Z");
    private static final Duration TICK = Duration.ofNanos(1_000);

    private final AtomicReference<Instant> now;

    public TestClock() {
        this(START);
    }

    public TestClock(Instant start) {
        this.now = new AtomicReference<>(requireNonNull(start, "start is null"));
    }

    /** Moves the clock forward; tests never move it back, as a real clock would not. */
    public void advance(Duration duration) {
        requireNonNull(duration, "duration is null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a test clock only moves forward, not by " + duration);
        }
        now.updateAndGet(instant -> instant.plus(duration));
    }

    /** Sets the clock to {@code instant}, for a test about a particular date. */
    public void set(Instant instant) {
        now.set(requireNonNull(instant, "instant is null"));
    }

    /** Today's date in UTC, the date the services take for "today" (this reading moves the clock too). */
    public LocalDate today() {
        return LocalDate.ofInstant(instant(), ZoneOffset.UTC);
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(instant -> instant.plus(TICK));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The services only read UTC; another zone would be a second clock the test could not move. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("the test clock is UTC only, not " + zone);
    }
}
