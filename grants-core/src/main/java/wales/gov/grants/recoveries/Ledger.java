package wales.gov.grants.recoveries;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Handle;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.SchemeId;

import static java.util.Objects.requireNonNull;

/**
 * The running totals of awards and schemes, the underspend of a closed award, and the recoveries raised when more
 * was paid than is eligible. Every entry is made in the caller's transaction, which holds the award's row lock;
 * a scheme's row is changed last, since every award of the scheme shares it. The tables' CHECKs refuse any total
 * that would break a budget rule.
 */
public final class Ledger {
    private final AuditLog auditLog;
    private final Clock clock;

    public Ledger(AuditLog auditLog, Clock clock) {
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Locks an award's row for a change to its money where no claim is involved (receipts), and reads it. */
    public AwardAccount lockAccount(Handle handle, AwardId awardId) {
        return handle.attach(RecoveryDao.class).lockAccount(awardId.value())
                .orElseThrow(() -> new NotFoundException("award", awardId.toString()));
    }

    public void claimSubmitted(TotalsDao totals, AwardId awardId, Money amount) {
        totals.addToAward(awardId.value(), amount.pence(), 0, 0, 0);
    }

    /** A queried claim changed before it is submitted again: its amount already counts as claimed. */
    public void claimAmended(TotalsDao totals, AwardId awardId, Money before, Money after) {
        totals.addToAward(awardId.value(), after.pence() - before.pence(), 0, 0, 0);
    }

    public void claimRejected(TotalsDao totals, AwardId awardId, Money amount) {
        totals.addToAward(awardId.value(), -amount.pence(), 0, 0, 0);
    }

    public void claimApproved(TotalsDao totals, AwardAccount account, Money amount) {
        totals.addToAward(account.awardId().value(), 0, amount.pence(), 0, 0);
        totals.addToScheme(account.schemeId().value(), amount.pence(), 0);
    }

    public void paymentRecorded(TotalsDao totals, AwardAccount account, Money amount) {
        totals.addToAward(account.awardId().value(), 0, 0, amount.pence(), 0);
        totals.addToScheme(account.schemeId().value(), 0, amount.pence());
    }

    /**
     * An approved claim's eligible amount reduced after the fact. The underspend recorded when a closed award
     * closed follows the eligible spend it was computed from.
     */
    public void eligibleReduced(TotalsDao totals, AwardAccount account, boolean closed, Money reduction) {
        totals.addToAward(account.awardId().value(), 0, -reduction.pence(), 0, 0);
        totals.addToScheme(account.schemeId().value(), -reduction.pence(), 0);
        if (closed) {
            AwardAccount after = new AwardAccount(account.awardId(), account.schemeId(), account.amount(),
                    account.approved().minus(reduction), account.paid(), account.recovered());
            totals.recordUnderspend(account.awardId().value(), after.underspend().pence());
        }
    }

    /**
     * Closes an award's account: records its underspend and raises a recovery for money paid beyond the eligible
     * spend that no recovery covers yet.
     *
     * @return the underspend recorded and the recovery raised (zero if none)
     */
    public Closing close(Handle handle, Actor actor, AwardAccount account) {
        Closing closing = closing(handle, account);
        handle.attach(TotalsDao.class).recordUnderspend(account.awardId().value(), closing.underspend().pence());
        if (!closing.recoveryRaised().isZero()) {
            raise(handle, actor, account, null, closing.recoveryRaised(), "Paid beyond the eligible spend at close");
        }
        return closing;
    }

    /**
     * What closing the account would record now, changing nothing: the close itself and a dry run of it both
     * compute it here.
     */
    public Closing closing(Handle handle, AwardAccount account) {
        Money uncovered = account.overpaid().minusOrZero(
                Money.ofPence(handle.attach(RecoveryDao.class).raisedForAward(account.awardId().value())));
        return new Closing(account.underspend(), uncovered);
    }

    /** What a close records: the award's underspend, and the recovery raised for payments no recovery covered. */
    public record Closing(Money underspend, Money recoveryRaised) {
        public Closing {
            requireNonNull(underspend, "underspend is null");
            requireNonNull(recoveryRaised, "recoveryRaised is null");
        }
    }

    /** Raises a recovery of money owed back, with its audit event. */
    public Recovery raise(Handle handle, Actor actor, AwardAccount account, ClaimId claimId, Money amount,
                          String reason) {
        RecoveryDao recoveries = handle.attach(RecoveryDao.class);
        UUID id = recoveries.insert(account.awardId().value(), claimId == null ? null : claimId.value(),
                amount.pence(), reason, actor.userId().value(), clock.instant());
        Recovery recovery = recoveries.find(id).orElseThrow();
        Map<String, Object> details = new LinkedHashMap<>();
        if (claimId != null) {
            details.put("claimId", claimId.toString());
        }
        details.put("reason", reason);
        auditLog.append(handle, AuditEvent.of(actor, AuditAction.RECOVERY_RAISED, id)
                .scheme(account.schemeId())
                .award(account.awardId())
                .after(RecoveryService.state(recovery, account.recovered()))
                .details(details)
                .build());
        return recovery;
    }

    public void receiptRecorded(TotalsDao totals, AwardId awardId, Money amount) {
        totals.addToAward(awardId.value(), 0, 0, 0, amount.pence());
    }

    public List<Recovery> openRecoveries(Handle handle, AwardId awardId) {
        return withReceipts(handle, handle.attach(RecoveryDao.class).page(awardId.value(), true, Page.MAX_LIMIT, 0));
    }

    /** Every recovery of the award, open or settled, with its receipts, oldest first. */
    public List<Recovery> recoveriesOfAward(Handle handle, AwardId awardId) {
        RecoveryDao recoveries = handle.attach(RecoveryDao.class);
        return withReceipts(handle, recoveries.page(awardId.value(), null, Integer.MAX_VALUE, 0));
    }

    public List<Recovery> recoveriesOfClaim(Handle handle, ClaimId claimId) {
        return withReceipts(handle, handle.attach(RecoveryDao.class).forClaim(claimId.value()));
    }

    List<Recovery> withReceipts(Handle handle, List<Recovery> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        UUID[] ids = rows.stream().map(Recovery::id).toArray(UUID[]::new);
        Map<UUID, List<Recovery.Receipt>> receipts = handle.attach(RecoveryDao.class).receipts(ids).stream()
                .collect(Collectors.groupingBy(RecoveryDao.ReceiptRow::recoveryId,
                        Collectors.mapping(RecoveryDao.ReceiptRow::receipt, Collectors.toList())));
        return rows.stream()
                .map(recovery -> recovery.withReceipts(receipts.getOrDefault(recovery.id(), List.of())))
                .toList();
    }

    /** A new award takes its amount from its scheme's budget; the scheme's row lock is held by the caller. */
    public void allocated(TotalsDao totals, SchemeId schemeId, Money amount) {
        totals.addAllocated(schemeId.value(), amount.pence());
    }

    /** A withdrawn award gives its money back to the scheme's unallocated budget. */
    public void released(TotalsDao totals, SchemeId schemeId, Money amount) {
        totals.addAllocated(schemeId.value(), -amount.pence());
    }
}
