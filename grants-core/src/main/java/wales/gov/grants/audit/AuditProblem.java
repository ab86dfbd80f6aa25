package wales.gov.grants.audit;

import static java.util.Objects.requireNonNull;

/**
 * One thing verification found wrong: in which chain (absent for a problem with a checkpoint as a whole), at which
 * event (absent when no event can be named), and what.
 */
public record AuditProblem(String chainId, Long eventId, String description) {
    public AuditProblem {
        requireNonNull(description, "description is null");
    }
}
