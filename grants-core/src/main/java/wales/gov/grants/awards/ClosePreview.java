package wales.gov.grants.awards;

import java.util.List;

import wales.gov.grants.kernel.Money;
import wales.gov.grants.recoveries.Recovery;

import static java.util.Objects.requireNonNull;

/**
 * What closing an ACTIVE award would record if it were closed now, computed by the close's own rule and changing
 * nothing: the underspend, the recovery it would raise, the recoveries already open, and its unfinished claims.
 */
public record ClosePreview(Award award, Money underspend, Money recoveryRaised, List<Recovery> openRecoveries,
                           UnfinishedClaims unfinishedClaims) {
    public ClosePreview {
        requireNonNull(award, "award is null");
        requireNonNull(underspend, "underspend is null");
        requireNonNull(recoveryRaised, "recoveryRaised is null");
        openRecoveries = List.copyOf(openRecoveries);
        requireNonNull(unfinishedClaims, "unfinishedClaims is null");
    }

    /** What would be owed back after the close: the open recoveries' outstanding part and the one it would raise. */
    public Money recoveryDue() {
        return outstanding(openRecoveries).plus(recoveryRaised);
    }

    static Money outstanding(List<Recovery> recoveries) {
        Money total = Money.ZERO;
        for (Recovery recovery : recoveries) {
            total = total.plus(recovery.outstanding());
        }
        return total;
    }
}
