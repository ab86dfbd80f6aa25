package wales.gov.grants.api.web;

import static java.util.Objects.requireNonNull;

/** Ends a page request with an HTML error page: 403, 404, 400, or 429 with its wait in seconds. */
public final class PageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient PageContext context;
    private final long retryAfterSeconds;

    public PageException(int status, PageContext context) {
        this(status, context, 0);
    }

    public PageException(int status, PageContext context, long retryAfterSeconds) {
        super("page error " + status, null, false, false);
        this.status = status;
        this.context = requireNonNull(context, "context is null");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public PageContext context() {
        return context;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
