package wales.gov.grants.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.db.AwardDao;
import wales.gov.grants.db.RecoveryDao;
import wales.gov.grants.db.TotalsDao;
import wales.gov.grants.domain.Actor;
import wales.gov.grants.domain.Award;
import wales.gov.grants.domain.AwardId;
import wales.gov.grants.domain.ClaimId;
import wales.gov.grants.domain.RecoveryId;
import wales.gov.grants.domain.Money;
import wales.gov.grants.domain.NotFoundException;
import wales.gov.grants.domain.Page;
import wales.gov.grants.domain.Recovery;
import wales.gov.grants.domain.Role;
import wales.gov.grants.domain.Validator;

import static java.util.Objects.requireNonNull;

/** Money owed back and money received back. Receipts change the award's recovered total under its row lock. */
public final class RecoveryService {
    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final Clock clock;

    public RecoveryService(Jdbi jdbi, AuditLog auditLog, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Page<Recovery> list(Actor actor, String awardId, String status, Page.Request page) {
        actor.requireRole(Role.FINANCE_OFFICER, Role.AUDITOR, Role.GRANT_MANAGER);
        Validator validator = new Validator();
        UUID award = null;
        if (awardId != null) {
            Optional<AwardId> parsed = AwardId.parse(awardId);
            validator.check(parsed.isPresent(), "awardId", "must be the id of an award");
            award = parsed.map(AwardId::value).orElse(null);
        }
        Boolean open = null;
        if (status != null) {
            validator.check(status.equals("OPEN") || status.equals("SETTLED"), "status", "must be OPEN or SETTLED");
            open = status.equals("OPEN");
        }
        validator.throwIfInvalid();
        UUID awardFilter = award;
        Boolean openFilter = open;
        return jdbi.inTransaction(handle -> {
            RecoveryDao recoveries = handle.attach(RecoveryDao.class);
            return new Page<>(withReceipts(handle, recoveries.page(awardFilter, openFilter, page.limit(),
                    page.offset())), recoveries.count(awardFilter, openFilter), page.limit(), page.offset());
        });
    }

    public Recovery get(Actor actor, String recoveryId) {
        actor.requireRole(Role.FINANCE_OFFICER, Role.AUDITOR, Role.GRANT_MANAGER);
        return jdbi.inTransaction(handle -> withReceipts(handle, List.of(find(handle, recoveryId, false))).get(0));
    }

    /** Records money received back; a receipt never exceeds what is still owed. Allowed after the award closes. */
    public Recovery receive(Actor actor, String recoveryId, NewReceipt request) {
        actor.requireRole(Role.FINANCE_OFFICER);
        Validator validator = new Validator();
        Money amount = validator.positiveMoney("amount", request.amount());
        LocalDate receivedOn = validator.date("receivedOn", request.receivedOn());
        String reference = validator.text("reference", request.reference(), 100);
        validator.throwIfInvalid();

        return jdbi.inTransaction(handle -> {
            Recovery unlocked = find(handle, recoveryId, false);
            Award award = handle.attach(AwardDao.class).findForUpdate(unlocked.awardId().value()).orElseThrow();
            Recovery before = find(handle, recoveryId, true);
            before.checkReceipt(amount, receivedOn, LocalDate.now(clock));
            RecoveryDao recoveries = handle.attach(RecoveryDao.class);
            UUID receiptId = recoveries.insertReceipt(before.id(), amount.pence(), receivedOn, reference,
                    actor.userId().value(), clock.instant());
            recoveries.addReceived(before.id(), amount.pence());
            handle.attach(TotalsDao.class).addToAward(award.id().value(), 0, 0, 0, amount.pence());
            Recovery after = withReceipts(handle, List.of(recoveries.find(before.id()).orElseThrow())).get(0);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("receiptId", receiptId.toString());
            details.put("amount", amount.toDecimalString());
            details.put("receivedOn", receivedOn.toString());
            details.put("reference", reference);
            before.claim().ifPresent(claim -> details.put("claimId", claim.toString()));
            auditLog.append(handle, AuditEvent.of(actor, "RECOVERY_RECEIPT_RECORDED", "recovery", before.id())
                    .scheme(award.schemeId())
                    .award(award.id())
                    .before(state(before, award.recovered()))
                    .after(state(after, award.recovered().plus(amount)))
                    .details(details)
                    .build());
            return after;
        });
    }

    /** Raises a recovery inside the caller's transaction, which holds the award's row lock. */
    static Recovery raise(Handle handle, AuditLog auditLog, Actor actor, Award award, ClaimId claimId, Money amount,
                          String reason, Instant now) {
        RecoveryDao recoveries = handle.attach(RecoveryDao.class);
        UUID id = recoveries.insert(award.id().value(), claimId == null ? null : claimId.value(), amount.pence(),
                reason, actor.userId().value(), now);
        Recovery recovery = recoveries.find(id).orElseThrow();
        Map<String, Object> details = new LinkedHashMap<>();
        if (claimId != null) {
            details.put("claimId", claimId.toString());
        }
        details.put("reason", reason);
        auditLog.append(handle, AuditEvent.of(actor, "RECOVERY_RAISED", "recovery", id)
                .scheme(award.schemeId())
                .award(award.id())
                .after(state(recovery, award.recovered()))
                .details(details)
                .build());
        return recovery;
    }

    static List<Recovery> openForAward(Handle handle, AwardId awardId) {
        return withReceipts(handle, handle.attach(RecoveryDao.class).page(awardId.value(), true, Page.MAX_LIMIT, 0));
    }

    static List<Recovery> withReceipts(Handle handle, List<Recovery> rows) {
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

    private static Recovery find(Handle handle, String recoveryId, boolean lock) {
        RecoveryDao recoveries = handle.attach(RecoveryDao.class);
        return RecoveryId.parse(recoveryId).map(RecoveryId::value)
                .flatMap(id -> lock ? recoveries.findForUpdate(id) : recoveries.find(id))
                .orElseThrow(() -> new NotFoundException("recovery", recoveryId));
    }

    private static Map<String, Object> state(Recovery recovery, Money awardRecovered) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("amount", recovery.amount().toDecimalString());
        state.put("received", recovery.received().toDecimalString());
        state.put("outstanding", recovery.outstanding().toDecimalString());
        state.put("awardRecovered", awardRecovered.toDecimalString());
        return state;
    }
}
