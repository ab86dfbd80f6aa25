package wales.gov.grants.domain;

/** The object is not in a state that allows the request, often because another request got there first. */
public class StateConflictException extends DomainException {
    public StateConflictException(String message) {
        super(message);
    }
}
