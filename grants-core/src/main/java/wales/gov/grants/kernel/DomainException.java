package wales.gov.grants.kernel;

/** A request the rules refuse. Each subclass is one kind of refusal, with one HTTP status in the API. */
public abstract class DomainException extends RuntimeException {
    protected DomainException(String message) {
        super(message);
    }
}
