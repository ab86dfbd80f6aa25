package wales.gov.grants.kernel;

/** A file whose content is not one of the accepted kinds, whatever its name or declared type says. */
public class UnsupportedContentException extends DomainException {
    public UnsupportedContentException(String message) {
        super(message);
    }
}
