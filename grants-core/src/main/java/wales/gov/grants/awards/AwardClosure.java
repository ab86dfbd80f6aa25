package wales.gov.grants.awards;

import java.util.List;

import wales.gov.grants.recoveries.Recovery;

import static java.util.Objects.requireNonNull;

/**
 * A closed award: its underspend (recorded on the award), the recoveries still open against it, and how many of its
 * claims were left undecided or unpaid (they can no longer be approved or paid).
 */
public record AwardClosure(Award award, List<Recovery> openRecoveries, long unfinishedClaims) {
    public AwardClosure {
        requireNonNull(award, "award is null");
        openRecoveries = List.copyOf(openRecoveries);
    }
}
