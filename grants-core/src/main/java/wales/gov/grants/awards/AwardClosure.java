package wales.gov.grants.awards;

import java.util.List;

import wales.gov.grants.kernel.Money;
import wales.gov.grants.recoveries.Recovery;

import static java.util.Objects.requireNonNull;

/**
 * A closed award: its underspend (recorded on the award), the recovery the close raised for payments beyond the
 * eligible spend that no recovery covered (zero if none), the recoveries still open against it, and how many of its
 * claims were left undecided or unpaid (they can no longer be approved or paid).
 */
public record AwardClosure(Award award, Money recoveryRaised, List<Recovery> openRecoveries, long unfinishedClaims) {
    public AwardClosure {
        requireNonNull(award, "award is null");
        requireNonNull(recoveryRaised, "recoveryRaised is null");
        openRecoveries = List.copyOf(openRecoveries);
    }

    /** What is owed back on the award now: the outstanding part of its open recoveries. */
    public Money recoveryDue() {
        return ClosePreview.outstanding(openRecoveries);
    }
}
