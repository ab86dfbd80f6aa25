package wales.gov.grants.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * The clock a demo story runs on: UTC, set by the story to the moment of each step ({@link #moveTo}) so that its
 * claims, approvals, payments and reports carry dates of the 2019-20 financial year. It only moves forward, so an
 * award's events fall in the order they happened; each reading moves it on by a second, so the rows and events of
 * one step keep the order they were made in.
 */
final class DemoClock extends Clock {
    private static final Duration TICK = Duration.ofSeconds(1);

    private final AtomicReference<Instant> now;

    DemoClock(LocalDateTime start) {
        this.now = new AtomicReference<>(requireNonNull(start, "start is null").toInstant(ZoneOffset.UTC));
    }

    /** Moves to {@code moment} (UTC); a story that tries to go back in time is a mistake in the story. */
    void moveTo(LocalDateTime moment) {
        Instant target = requireNonNull(moment, "moment is null").toInstant(ZoneOffset.UTC);
        now.updateAndGet(current -> {
            if (target.isBefore(current)) {
                throw new IllegalArgumentException("the demo clock only moves forward: it is " + current
                        + ", not " + target);
            }
            return target;
        });
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(instant -> instant.plus(TICK));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The services only read UTC. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("the demo clock is UTC only, not " + zone);
    }
}
