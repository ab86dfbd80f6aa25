package wales.gov.grants.kernel;

import static java.util.Objects.requireNonNull;

/** The object is not in a state that allows the request, often because another request got there first. */
public class StateConflictException extends DomainException {
    private final String conflict;

    public StateConflictException(String message) {
        this("state-conflict", message);
    }

    /** @param conflict a stable, kebab-case name for the kind of conflict, used in the problem type */
    protected StateConflictException(String conflict, String message) {
        super(message);
        this.conflict = requireNonNull(conflict, "conflict is null");
    }

    public String conflict() {
        return conflict;
    }
}
