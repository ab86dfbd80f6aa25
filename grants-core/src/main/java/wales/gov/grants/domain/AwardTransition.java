package wales.gov.grants.domain;

import java.util.EnumSet;
import java.util.Set;

import static wales.gov.grants.domain.AwardStatus.ACTIVE;
import static wales.gov.grants.domain.AwardStatus.CLOSED;
import static wales.gov.grants.domain.AwardStatus.DRAFT;
import static wales.gov.grants.domain.AwardStatus.OFFERED;
import static wales.gov.grants.domain.AwardStatus.WITHDRAWN;

/**
 * The award lifecycle, in one place: {@code DRAFT → OFFERED → ACTIVE → CLOSED}, and
 * {@code DRAFT/OFFERED → WITHDRAWN}; which role may make each move.
 */
public enum AwardTransition {
    OFFER(EnumSet.of(DRAFT), OFFERED, Role.GRANT_MANAGER),
    ACCEPT(EnumSet.of(OFFERED), ACTIVE, Role.RECIPIENT),
    WITHDRAW(EnumSet.of(DRAFT, OFFERED), WITHDRAWN, Role.GRANT_MANAGER),
    CLOSE(EnumSet.of(ACTIVE), CLOSED, Role.GRANT_MANAGER);

    private final Set<AwardStatus> from;
    private final AwardStatus to;
    private final Role role;

    AwardTransition(Set<AwardStatus> from, AwardStatus to, Role role) {
        this.from = from;
        this.to = to;
        this.role = role;
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
        actor.requireRole(role);
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
