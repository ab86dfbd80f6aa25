package wales.gov.grants.domain;

import java.util.EnumSet;
import java.util.Set;

import static wales.gov.grants.domain.ClaimStatus.APPROVED;
import static wales.gov.grants.domain.ClaimStatus.DRAFT;
import static wales.gov.grants.domain.ClaimStatus.QUERIED;
import static wales.gov.grants.domain.ClaimStatus.REJECTED;
import static wales.gov.grants.domain.ClaimStatus.SUBMITTED;

/**
 * The claim lifecycle decided by people, in one place: {@code DRAFT/QUERIED → SUBMITTED} by the recipient, and
 * {@code SUBMITTED → APPROVED | REJECTED | QUERIED} by a finance officer. {@code APPROVED → PAID} is not a
 * decision: it follows from payments (see {@link Claim#afterPayment}).
 */
public enum ClaimTransition {
    SUBMIT(EnumSet.of(DRAFT, QUERIED), SUBMITTED, Role.RECIPIENT),
    APPROVE(EnumSet.of(SUBMITTED), APPROVED, Role.FINANCE_OFFICER),
    REJECT(EnumSet.of(SUBMITTED), REJECTED, Role.FINANCE_OFFICER),
    QUERY(EnumSet.of(SUBMITTED), QUERIED, Role.FINANCE_OFFICER);

    private final Set<ClaimStatus> from;
    private final ClaimStatus to;
    private final Role role;

    ClaimTransition(Set<ClaimStatus> from, ClaimStatus to, Role role) {
        this.from = from;
        this.to = to;
        this.role = role;
    }

    public ClaimStatus target() {
        return to;
    }

    public Role role() {
        return role;
    }

    public boolean allowedFrom(ClaimStatus current) {
        return from.contains(current);
    }

    /**
     * The status after this transition.
     *
     * @throws PermissionDeniedException if the actor's role may not make it
     * @throws StateConflictException if the claim is not in a state it can leave this way
     */
    public ClaimStatus apply(Actor actor, ClaimStatus current) {
        actor.requireRole(role);
        if (!allowedFrom(current)) {
            throw new StateConflictException("a claim that is " + current + " cannot be " + pastTense()
                    + "; only one that is " + from);
        }
        return to;
    }

    public String pastTense() {
        return switch (this) {
            case SUBMIT -> "submitted";
            case APPROVE -> "approved";
            case REJECT -> "rejected";
            case QUERY -> "queried";
        };
    }
}
