package wales.gov.grants.claims;

import java.util.EnumSet;
import java.util.Set;

import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.StateConflictException;

import static wales.gov.grants.claims.ClaimStatus.APPROVED;
import static wales.gov.grants.claims.ClaimStatus.DRAFT;
import static wales.gov.grants.claims.ClaimStatus.QUERIED;
import static wales.gov.grants.claims.ClaimStatus.REJECTED;
import static wales.gov.grants.claims.ClaimStatus.SUBMITTED;

/**
 * The claim lifecycle decided by people, in one place: {@code DRAFT/QUERIED → SUBMITTED} by the recipient, and
 * {@code SUBMITTED → APPROVED | REJECTED | QUERIED} by a finance officer. {@code APPROVED → PAID} is not a
 * decision: it follows from payments (see {@link Claim#afterPayment}).
 */
public enum ClaimTransition {
    SUBMIT(EnumSet.of(DRAFT, QUERIED), SUBMITTED, Role.RECIPIENT, AuditAction.CLAIM_SUBMITTED),
    APPROVE(EnumSet.of(SUBMITTED), APPROVED, Role.FINANCE_OFFICER, AuditAction.CLAIM_APPROVED),
    REJECT(EnumSet.of(SUBMITTED), REJECTED, Role.FINANCE_OFFICER, AuditAction.CLAIM_REJECTED),
    QUERY(EnumSet.of(SUBMITTED), QUERIED, Role.FINANCE_OFFICER, AuditAction.CLAIM_QUERIED);

    private final Set<ClaimStatus> from;
    private final ClaimStatus to;
    private final Role role;
    private final AuditAction action;

    ClaimTransition(Set<ClaimStatus> from, ClaimStatus to, Role role, AuditAction action) {
        this.from = from;
        this.to = to;
        this.role = role;
        this.action = action;
    }

    /**
     * What the audit trail records when this transition is made; the first of two approvals records
     * {@link AuditAction#CLAIM_FIRST_APPROVAL} instead.
     */
    public AuditAction action() {
        return action;
    }

    /**
     * The gate before any work: only this transition's role may attempt it.
     *
     * @throws PermissionDeniedException otherwise
     */
    public void requireRole(Actor actor) {
        actor.requireRole(role);
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
        requireRole(actor);
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
