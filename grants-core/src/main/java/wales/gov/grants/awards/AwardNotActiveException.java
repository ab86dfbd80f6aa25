package wales.gov.grants.awards;

import java.util.Set;

import wales.gov.grants.kernel.StateConflictException;

/** The award is not in a status that takes the request: one refusal, one status (409), wherever it happens. */
public final class AwardNotActiveException extends StateConflictException {
    public AwardNotActiveException(Award award, String action, Set<AwardStatus> allowed) {
        super("award-not-active", "cannot " + action + ": the award is " + award.status() + "; only "
                + (allowed.size() == 1 ? "an " + allowed.iterator().next() + " award" : "an award that is one of "
                + allowed) + " can");
    }
}
