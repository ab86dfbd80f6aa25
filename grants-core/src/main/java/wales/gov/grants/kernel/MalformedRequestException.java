package wales.gov.grants.kernel;

/** A request body that cannot be read at all: a broken multipart body, or one that ended early. */
public class MalformedRequestException extends DomainException {
    public MalformedRequestException(String message) {
        super(message);
    }
}
