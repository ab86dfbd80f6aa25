package wales.gov.grants.kernel;

/** An upload bigger than the configured limit; refused as soon as the limit is passed. */
public class ContentTooLargeException extends DomainException {
    private final long limitBytes;

    public ContentTooLargeException(long limitBytes) {
        super("a file may be at most " + limitBytes + " bytes (" + limitBytes / 1_000_000 + " MB)");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
