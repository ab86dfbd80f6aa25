package wales.gov.grants.users;

import java.time.Duration;

import wales.gov.grants.kernel.DomainException;

/** Sign-in is throttled for this username or client address after repeated failures. */
public class TooManyAttemptsException extends DomainException {
    private final Duration retryAfter;

    public TooManyAttemptsException(Duration retryAfter) {
        super("too many failed sign-in attempts; try again in " + Math.max(1, retryAfter.toSeconds()) + " seconds");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
