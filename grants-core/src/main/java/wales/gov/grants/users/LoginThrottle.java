package wales.gov.grants.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import static java.util.Objects.requireNonNull;

/**
 * Counts failed sign-ins per username and per client address in a sliding window, in PostgreSQL, so every server
 * sees the same counts. Past either limit every attempt is refused, right password or wrong, without checking the
 * password, and is counted too: a guesser who keeps guessing stays throttled. The window is evaluated on the
 * application's clock, passed to the SQL, never {@code now()}.
 */
public final class LoginThrottle {
    /** Old rows are deleted at most this often by one server; each read ignores them anyway. */
    private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_SUBJECT_LENGTH = 200;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration window;
    private final int maxPerUsername;
    private final int maxPerAddress;
    private final AtomicReference<Instant> lastPruned = new AtomicReference<>(Instant.MIN);

    public LoginThrottle(Jdbi jdbi, Clock clock, Duration window, int maxPerUsername, int maxPerAddress) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.window = requireNonNull(window, "window is null");
        if (maxPerUsername < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("the throttle's limits must be at least 1");
        }
        this.maxPerUsername = maxPerUsername;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Reads the throttle's state for this attempt and, when {@code lookUpUser}, the user of {@code username}, in one
     * query. {@code username} may be anything a client sent; it is looked up only when {@code lookUpUser}.
     */
    public Attempt begin(String username, String clientAddress, boolean lookUpUser) {
        Instant now = clock.instant();
        String usernameSubject = subject("user:", username);
        String addressSubject = subject("address:", clientAddress);
        SignInState state = jdbi.withExtension(SignInDao.class, signIns -> signIns.state(
                lookUpUser ? username : null, usernameSubject, addressSubject, now.minus(window),
                maxPerUsername, maxPerAddress));
        return new Attempt(now, usernameSubject, addressSubject, state);
    }

    /**
     * Counts a refused attempt (wrong password, unknown user, or throttled) against the username and address, each
     * marked throttled if it was refused for that one's limit.
     */
    public void recordFailure(Handle handle, Attempt attempt) {
        SignInDao signIns = handle.attach(SignInDao.class);
        signIns.insertFailure(attempt.usernameSubject(), attempt.addressSubject(), attempt.at(),
                attempt.throttledByUsername(), attempt.throttledByAddress());
        Instant last = lastPruned.get();
        if (!attempt.at().isBefore(last.plus(PRUNE_INTERVAL)) && lastPruned.compareAndSet(last, attempt.at())) {
            signIns.prune(attempt.at().minus(window));
        }
    }

    /** A successful sign-in clears the username's failures (not the address's). */
    public void recordSuccess(Attempt attempt) {
        if (attempt.state().usernameFailed()) {
            jdbi.useExtension(SignInDao.class, signIns -> signIns.forget(attempt.usernameSubject()));
        }
    }

    /**
     * Lifts the throttle of {@code username} by forgetting its failures; the throttle of the addresses they came
     * from stays, since an address guessing at many usernames is not the user's to unlock.
     *
     * @return how many failures were forgotten
     */
    public int unlock(Handle handle, String username) {
        return handle.attach(SignInDao.class).forget(subject("user:", username));
    }

    /** One sign-in attempt as the throttle saw it at its start. */
    public final class Attempt {
        private final Instant at;
        private final String usernameSubject;
        private final String addressSubject;
        private final SignInState state;

        private Attempt(Instant at, String usernameSubject, String addressSubject, SignInState state) {
            this.at = at;
            this.usernameSubject = usernameSubject;
            this.addressSubject = addressSubject;
            this.state = state;
        }

        Instant at() {
            return at;
        }

        String usernameSubject() {
            return usernameSubject;
        }

        String addressSubject() {
            return addressSubject;
        }

        SignInState state() {
            return state;
        }

        /** How long until the username and the address are both under their limits, if either is at it now. */
        public Optional<Duration> retryAfter() {
            Instant reached = latest(state.usernameLimitReachedAt(), state.addressLimitReachedAt());
            return reached == null ? Optional.empty() : Optional.of(Duration.between(at, reached.plus(window)));
        }

        public boolean throttledByUsername() {
            return state.usernameLimitReachedAt() != null;
        }

        public boolean throttledByAddress() {
            return state.addressLimitReachedAt() != null;
        }

        /** Which limits refuse this attempt, as the audit trail records it. */
        public String limitsReached() {
            if (throttledByUsername() && throttledByAddress()) {
                return "username and address";
            }
            return throttledByUsername() ? "username" : "address";
        }

        /**
         * Each limit this attempt is refused for has refused an attempt before in the window, so the burst is
         * already audited.
         */
        public boolean burstAlreadyRecorded() {
            return (!throttledByUsername() || state.usernameThrottledInWindow())
                    && (!throttledByAddress() || state.addressThrottledInWindow());
        }
    }

    private static Instant latest(Instant first, Instant second) {
        if (first == null) {
            return second;
        }
        return second == null || first.isAfter(second) ? first : second;
    }

    private static String subject(String kind, String value) {
        String printable = Credentials.printable(String.valueOf(value));
        return kind + (printable.length() > MAX_SUBJECT_LENGTH ? printable.substring(0, MAX_SUBJECT_LENGTH) : printable);
    }
}
