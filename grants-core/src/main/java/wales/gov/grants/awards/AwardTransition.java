package wales.gov.grants.awards;

import java.util.EnumSet;
import java.util.Set;

import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.StateConflictException;

import static wales.gov.grants.awards.AwardStatus.ACTIVE;
import static wales.gov.grants.awards.AwardStatus.CLOSED;
import static wales.gov.grants.awards.AwardStatus.DRAFT;
import static wales.gov.grants.awards.AwardStatus.OFFERED;
import static wales.gov.grants.awards.AwardStatus.WITHDRAWN;

/**
 * The award lifecycle, in one place: {@code DRAFT → OFFERED → ACTIVE → CLOSED}, and
 * {@code DRAFT/OFFERED → WITHDRAWN}; which role may make each move.
 */
public enum AwardTransition {
    OFFER(EnumSet.of(DRAFT), OFFERED, Role.GRANT_MANAGER, AuditAction.AWARD_OFFERED),
    ACCEPT(EnumSet.of(OFFERED), ACTIVE, Role.RECIPIENT, AuditAction.AWARD_ACCEPTED),
    WITHDRAW(EnumSet.of(DRAFT, OFFERED), WITHDRAWN, Role.GRANT_MANAGER, AuditAction.AWARD_WITHDRAWN),
    CLOSE(EnumSet.of(ACTIVE), CLOSED, Role.GRANT_MANAGER, AuditAction.AWARD_CLOSED);

    private final Set<AwardStatus> from;
    private final AwardStatus to;
    private final Role role;
    private final AuditAction action;

    AwardTransition(Set<AwardStatus> from, AwardStatus to, Role role, AuditAction action) {
        this.from = from;
        this.to = to;
        this.role = role;
        this.action = action;
    }

    /** What the audit trail records when this transition is made. */
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

    public AwardStatus target() {
        return to;
    }

    public Role role() {
        return role;
    }

    public boolean allowedFrom(AwardStatus current) {
        return from.contains(current);
    }

    /**
     * The status after this transition.
     *
     * @throws PermissionDeniedException if the actor's role may not make it
     * @throws StateConflictException if the award is not in a state it can leave this way
     */
    public AwardStatus apply(Actor actor, AwardStatus current) {
        requireRole(actor);
        if (!allowedFrom(current)) {
            throw new StateConflictException("an award that is " + current + " cannot be "
                    + pastTense() + "; only one that is " + from);
        }
        return to;
    }

    public String pastTense() {
        return switch (this) {
            case OFFER -> "offered";
            case ACCEPT -> "accepted";
            case WITHDRAW -> "withdrawn";
            case CLOSE -> "closed";
        };
    }
}
