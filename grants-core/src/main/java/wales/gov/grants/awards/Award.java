package wales.gov.grants.awards;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.BudgetExceededException;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.UserId;
import wales.gov.grants.recoveries.AwardAccount;

import static java.util.Objects.requireNonNull;

/**
 * A grant offer to one organisation under a scheme. Approved claims never exceed its amount.
 * The running totals are kept by the services under the award's row lock.
 */
public record Award(
        AwardId id,
        SchemeId schemeId,
        OrganisationId organisationId,
        Money amount,
        AwardStatus status,
        Money claimed,
        Money approved,
        Money paid,
        Money recovered,
        List<String> conditions,
        List<OutcomeTarget> outcomeTargets,
        UserId createdBy,
        Instant createdAt,
        Instant offeredAt,
        Instant acceptedAt,
        Instant withdrawnAt,
        Instant closedAt,
        Money underspend) {
    public Award {
        requireNonNull(id, "id is null");
        requireNonNull(schemeId, "schemeId is null");
        requireNonNull(organisationId, "organisationId is null");
        requireNonNull(amount, "amount is null");
        requireNonNull(status, "status is null");
        requireNonNull(claimed, "claimed is null");
        requireNonNull(approved, "approved is null");
        requireNonNull(paid, "paid is null");
        requireNonNull(recovered, "recovered is null");
        conditions = List.copyOf(conditions);
        outcomeTargets = List.copyOf(outcomeTargets);
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** What may still be approved against the award. */
    public Money remaining() {
        return amount.minusOrZero(approved);
    }

    /** The part of the award not spent, recorded when it closes: the amount less the eligible (approved) spend. */
    public Optional<Money> underspendAtClose() {
        return Optional.ofNullable(underspend);
    }

    /**
     * Claims are made, decided and paid, and outcomes reported, only while the award is ACTIVE.
     *
     * @throws AwardNotActiveException otherwise, saying what {@code action} was refused
     */
    public void requireActive(String action) {
        requireStatus(action, EnumSet.of(AwardStatus.ACTIVE));
    }

    /** @throws AwardNotActiveException unless the award's status is one of {@code allowed} */
    public void requireStatus(String action, Set<AwardStatus> allowed) {
        if (!allowed.contains(status)) {
            throw new AwardNotActiveException(this, action, allowed);
        }
    }

    /**
     * The award's budget rule: approving {@code claimAmount} more fits only if its approved claims stay within it.
     *
     * @throws BudgetExceededException if it does not fit
     */
    public void checkApprovalFits(Money claimAmount) {
        Money wouldBe = approved.plus(claimAmount);
        if (wouldBe.isGreaterThan(amount)) {
            throw new BudgetExceededException("the approved claims of award " + id, amount, wouldBe);
        }
    }

    /** The award's money as the ledger keeps it. */
    public AwardAccount account() {
        return new AwardAccount(id, schemeId, amount, approved, paid, recovered);
    }

    public Optional<Instant> offered() {
        return Optional.ofNullable(offeredAt);
    }

    public Optional<Instant> accepted() {
        return Optional.ofNullable(acceptedAt);
    }

    public Optional<Instant> withdrawn() {
        return Optional.ofNullable(withdrawnAt);
    }

    public Optional<Instant> closed() {
        return Optional.ofNullable(closedAt);
    }

    public Award withConditionsAndTargets(List<String> newConditions, List<OutcomeTarget> newTargets) {
        return new Award(id, schemeId, organisationId, amount, status, claimed, approved, paid, recovered,
                newConditions, newTargets, createdBy, createdAt, offeredAt, acceptedAt, withdrawnAt, closedAt,
                underspend);
    }
}
