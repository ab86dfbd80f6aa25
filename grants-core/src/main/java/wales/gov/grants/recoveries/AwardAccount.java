package wales.gov.grants.recoveries;

import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.SchemeId;

import static java.util.Objects.requireNonNull;

/** An award's money as the ledger keeps it: the amount awarded and its running totals. */
public record AwardAccount(AwardId awardId, SchemeId schemeId, Money amount, Money approved, Money paid,
                           Money recovered) {
    public AwardAccount {
        requireNonNull(awardId, "awardId is null");
        requireNonNull(schemeId, "schemeId is null");
        requireNonNull(amount, "amount is null");
        requireNonNull(approved, "approved is null");
        requireNonNull(paid, "paid is null");
        requireNonNull(recovered, "recovered is null");
    }

    /** The part of the award not spent: the amount less the eligible (approved) spend. */
    public Money underspend() {
        return amount.minus(approved);
    }

    /** Money paid beyond the eligible spend. */
    public Money overpaid() {
        return paid.minusOrZero(approved);
    }
}
