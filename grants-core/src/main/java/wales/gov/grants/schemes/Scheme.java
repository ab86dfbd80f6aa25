package wales.gov.grants.schemes;

import java.time.Instant;

import wales.gov.grants.kernel.BudgetExceededException;
import wales.gov.grants.kernel.FinancialYear;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.SchemeId;

import static java.util.Objects.requireNonNull;

/** A funding programme's budget for one financial year. Its awards never add up to more than its budget. */
public record Scheme(
        SchemeId id,
        String code,
        String nameEn,
        String nameCy,
        FinancialYear financialYear,
        Money budget,
        Money dualApprovalThreshold,
        Money allocated,
        Money approved,
        Money paid,
        Instant createdAt) {
    public Scheme {
        requireNonNull(id, "id is null");
        requireNonNull(code, "code is null");
        requireNonNull(nameEn, "nameEn is null");
        requireNonNull(nameCy, "nameCy is null");
        requireNonNull(financialYear, "financialYear is null");
        requireNonNull(budget, "budget is null");
        requireNonNull(dualApprovalThreshold, "dualApprovalThreshold is null");
        requireNonNull(allocated, "allocated is null");
        requireNonNull(approved, "approved is null");
        requireNonNull(paid, "paid is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public Money unallocated() {
        return budget.minusOrZero(allocated);
    }

    /**
     * The budget rule: a new award of {@code amount} fits only if the scheme's awards stay within its budget.
     *
     * @throws BudgetExceededException if it does not fit
     */
    public void checkAwardFits(Money amount) {
        Money wouldBe = allocated.plus(amount);
        if (wouldBe.isGreaterThan(budget)) {
            throw new BudgetExceededException("the awards of scheme " + code + " " + financialYear, budget, wouldBe);
        }
    }
}
