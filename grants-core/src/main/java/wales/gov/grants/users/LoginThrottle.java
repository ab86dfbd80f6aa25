package wales.gov.grants.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import static java.util.Objects.requireNonNull;

/**
 * Counts failed sign-ins per username and per client address in a sliding window; past the limit, sign-in is
 * refused without checking the password (which also spares the CPU a bcrypt per guess).
 * Held in memory: each server instance throttles on its own.
 */
public final class LoginThrottle {
    private final Clock clock;
    private final Duration window;
    private final int maxPerUsername;
    private final int maxPerAddress;
    private final Cache<String, Deque<Instant>> failures;

    public LoginThrottle(Clock clock, Duration window, int maxPerUsername, int maxPerAddress) {
        this.clock = requireNonNull(clock, "clock is null");
        this.window = requireNonNull(window, "window is null");
        this.maxPerUsername = maxPerUsername;
        this.maxPerAddress = maxPerAddress;
        this.failures = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(100_000).build();
    }

    /** @throws TooManyAttemptsException if either the username or the address is over its limit */
    public void check(String username, String clientAddress) {
        Optional<Duration> wait = waitFor("user:" + username, maxPerUsername)
                .or(() -> waitFor("address:" + clientAddress, maxPerAddress));
        if (wait.isPresent()) {
            throw new TooManyAttemptsException(wait.get());
        }
    }

    public void recordFailure(String username, String clientAddress) {
        Instant now = clock.instant();
        record("user:" + username, now);
        record("address:" + clientAddress, now);
    }

    public void recordSuccess(String username) {
        failures.invalidate("user:" + username);
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.get(key, ignored -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
        }
    }

    private Optional<Duration> waitFor(String key, int limit) {
        Deque<Instant> times = failures.getIfPresent(key);
        if (times == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant cutoff = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
    }
}
