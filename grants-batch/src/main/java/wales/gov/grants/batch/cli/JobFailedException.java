package wales.gov.grants.batch.cli;

/** A job that ran and found what it exists to find (a broken chain, a tampered pack): exit 1, one line, no trace. */
public final class JobFailedException extends RuntimeException {
    public JobFailedException(String message) {
        super(message);
    }
}
