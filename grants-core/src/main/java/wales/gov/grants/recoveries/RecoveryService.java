package wales.gov.grants.recoveries;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.MoneyMovement;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.RecoveryId;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.Validator;

import static java.util.Objects.requireNonNull;

/** Money owed back and money received back. Receipts change the award's recovered total under its row lock. */
public final class RecoveryService {
    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final Ledger ledger;
    private final Clock clock;

    public RecoveryService(Jdbi jdbi, AuditLog auditLog, Ledger ledger, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Page<Recovery> list(Actor actor, RecoveryFilter filter, Page.Request page) {
        actor.requireRole(Role.FINANCE_OFFICER, Role.AUDITOR, Role.GRANT_MANAGER);
        UUID award = filter.awardId() == null ? null : filter.awardId().value();
        return jdbi.inTransaction(handle -> {
            RecoveryDao recoveries = handle.attach(RecoveryDao.class);
            return new Page<>(ledger.withReceipts(handle, recoveries.page(award, filter.open(), page.limit(),
                    page.offset())), recoveries.count(award, filter.open()), page.limit(), page.offset());
        });
    }

    public Recovery get(Actor actor, RecoveryId recoveryId) {
        actor.requireRole(Role.FINANCE_OFFICER, Role.AUDITOR, Role.GRANT_MANAGER);
        return jdbi.inTransaction(handle -> ledger.withReceipts(handle, List.of(find(handle, recoveryId, false)))
                .get(0));
    }

    /** The recovery a finance officer is about to record a receipt against, for the form; the receipt checks again. */
    public Recovery forReceipt(Actor actor, RecoveryId recoveryId) {
        actor.requireRole(Role.FINANCE_OFFICER);
        return get(actor, recoveryId);
    }

    /** Records money received back; a receipt never exceeds what is still owed. Allowed after the award closes. */
    public Recovery receive(Actor actor, RecoveryId recoveryId, NewReceipt request) {
        actor.requireRole(Role.FINANCE_OFFICER);
        MoneyMovement receipt = MoneyMovement.parse(request.amount(), "receivedOn", request.receivedOn(),
                request.reference());

        return jdbi.inTransaction(handle -> {
            Recovery unlocked = find(handle, recoveryId, false);
            AwardAccount account = ledger.lockAccount(handle, unlocked.awardId());
            Recovery before = find(handle, recoveryId, true);
            before.checkReceipt(receipt, LocalDate.now(clock));
            RecoveryDao recoveries = handle.attach(RecoveryDao.class);
            UUID receiptId = recoveries.insertReceipt(before.id(), receipt.amount().pence(), receipt.on(),
                    receipt.reference(), actor.userId().value(), clock.instant());
            recoveries.addReceived(before.id(), receipt.amount().pence());
            ledger.receiptRecorded(handle.attach(TotalsDao.class), account.awardId(), receipt.amount());
            Recovery after = ledger.withReceipts(handle, List.of(recoveries.find(before.id()).orElseThrow())).get(0);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("receiptId", receiptId.toString());
            details.put("amount", receipt.amount().toDecimalString());
            details.put("receivedOn", receipt.on().toString());
            details.put("reference", receipt.reference());
            before.claim().ifPresent(claim -> details.put("claimId", claim.toString()));
            auditLog.append(handle, AuditEvent.of(actor, AuditAction.RECOVERY_RECEIPT_RECORDED, before.id())
                    .scheme(account.schemeId())
                    .award(account.awardId())
                    .before(state(before, account.recovered()))
                    .after(state(after, account.recovered().plus(receipt.amount())))
                    .details(details)
                    .build());
            return after;
        });
    }

    private static Recovery find(Handle handle, RecoveryId recoveryId, boolean lock) {
        RecoveryDao recoveries = handle.attach(RecoveryDao.class);
        return (lock ? recoveries.findForUpdate(recoveryId.value()) : recoveries.find(recoveryId.value()))
                .orElseThrow(() -> new NotFoundException("recovery", recoveryId.toString()));
    }

    static Map<String, Object> state(Recovery recovery, Money awardRecovered) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("amount", recovery.amount().toDecimalString());
        state.put("received", recovery.received().toDecimalString());
        state.put("outstanding", recovery.outstanding().toDecimalString());
        state.put("awardRecovered", awardRecovered.toDecimalString());
        return state;
    }

    /** Optional filters of the recovery list: one award's, and open (still owed) or settled ones. */
    public record RecoveryFilter(AwardId awardId, Boolean open) {
        public static RecoveryFilter parse(String awardId, String status) {
            Validator validator = new Validator();
            AwardId award = validator.optional("awardId", awardId, AwardId::parse, "the id of an award");
            Boolean open = null;
            if (status != null) {
                validator.check(status.equals("OPEN") || status.equals("SETTLED"), "status",
                        "must be OPEN or SETTLED");
                open = status.equals("OPEN");
            }
            validator.throwIfInvalid();
            return new RecoveryFilter(award, open);
        }
    }
}
