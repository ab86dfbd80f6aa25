package wales.gov.grants.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.db.AwardDao;
import wales.gov.grants.db.ClaimDao;
import wales.gov.grants.db.ClaimDecisionDao;
import wales.gov.grants.db.RecoveryDao;
import wales.gov.grants.db.SchemeDao;
import wales.gov.grants.db.TotalsDao;
import wales.gov.grants.domain.Actor;
import wales.gov.grants.domain.Award;
import wales.gov.grants.domain.AwardId;
import wales.gov.grants.domain.AwardStatus;
import wales.gov.grants.domain.Claim;
import wales.gov.grants.domain.ClaimAdjustment;
import wales.gov.grants.domain.ClaimApproval;
import wales.gov.grants.domain.ClaimId;
import wales.gov.grants.domain.ClaimLine;
import wales.gov.grants.domain.ClaimStatus;
import wales.gov.grants.domain.ClaimTransition;
import wales.gov.grants.domain.FinancialYear;
import wales.gov.grants.domain.Money;
import wales.gov.grants.domain.NotFoundException;
import wales.gov.grants.domain.OrganisationId;
import wales.gov.grants.domain.Page;
import wales.gov.grants.domain.Payment;
import wales.gov.grants.domain.Recovery;
import wales.gov.grants.domain.Role;
import wales.gov.grants.domain.RuleViolationException;
import wales.gov.grants.domain.Scheme;
import wales.gov.grants.domain.SchemeId;
import wales.gov.grants.domain.UserId;
import wales.gov.grants.domain.Validator;

import static java.util.Objects.requireNonNull;

/**
 * Claims, their decisions, payments and adjustments. Every change to a claim or to money takes the award's row lock
 * first, so the budget rules (approved claims within the award, payments within the approved amount) hold however
 * many requests race; the loser of a race on one claim finds its new status and gets a state conflict.
 */
public final class ClaimService {
    static final int MAX_LINES = 200;
    static final int MAX_TEXT = 2000;

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final Clock clock;

    public ClaimService(Jdbi jdbi, AuditLog auditLog, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Claim create(Actor actor, String awardId, NewClaim request) {
        actor.requireRole(Role.RECIPIENT);
        Validator validator = new Validator();
        LocalDate start = validator.date("periodStart", request.periodStart());
        LocalDate end = validator.date("periodEnd", request.periodEnd());
        if (start != null && end != null) {
            validator.check(!end.isBefore(start), "periodEnd", "must not be before periodStart");
        }
        List<ClaimLine> lines = lines(validator, request.lines());
        validator.throwIfInvalid();
        Money amount = ClaimLine.total(lines);

        return jdbi.inTransaction(handle -> {
            Award award = lockAward(handle, actor, awardId);
            award.requireActive("make a claim");
            Scheme scheme = handle.attach(SchemeDao.class).find(award.schemeId().value()).orElseThrow();
            FinancialYear year = scheme.financialYear();
            Validator period = new Validator();
            String within = "must be within the financial year " + year + " (" + year.firstDay() + " to "
                    + year.lastDay() + ")";
            period.check(year.contains(start), "periodStart", within);
            period.check(year.contains(end), "periodEnd", within);
            period.throwIfInvalid();
            if (amount.isGreaterThan(award.amount())) {
                throw new RuleViolationException("claim-exceeds-award", "the claim's lines add up to " + amount
                        + ", more than the whole award of " + award.amount());
            }
            ClaimDao claims = handle.attach(ClaimDao.class);
            List<Claim> clashing = claims.holdingPeriod(award.id().value(), start, end);
            if (!clashing.isEmpty()) {
                Claim earlier = clashing.get(0);
                throw new RuleViolationException("overlapping-period", "the period " + start + " to " + end
                        + " overlaps claim " + earlier.id() + " for " + earlier.periodStart() + " to "
                        + earlier.periodEnd() + ", which is " + earlier.status()
                        + "; only a rejected claim frees its period");
            }
            ClaimId id = ClaimId.random();
            claims.insert(id.value(), award.id().value(), start, end, amount.pence(), actor.userId().value(),
                    clock.instant());
            for (int position = 0; position < lines.size(); position++) {
                ClaimLine line = lines.get(position);
                claims.insertLine(id.value(), position, line.category(), line.description(), line.amount().pence());
            }
            Claim claim = load(handle, id);
            auditLog.append(handle, event(actor, "CLAIM_CREATED", claim).after(state(claim)).build());
            return claim;
        });
    }

    public Page<Claim> listForAward(Actor actor, String awardId, Page.Request page) {
        return jdbi.inTransaction(handle -> {
            Award award = AwardService.visible(handle, actor, awardId, false);
            return page(handle, new ClaimFilter(null, null, null), award.id().value(), page);
        });
    }

    /** The work queue: claims oldest submitted first; a recipient's list is always limited to its organisation. */
    public Page<Claim> list(Actor actor, ClaimFilter filter, Page.Request page) {
        actor.requireRole(Role.FINANCE_OFFICER, Role.GRANT_MANAGER, Role.AUDITOR, Role.RECIPIENT);
        ClaimFilter effective = filter;
        if (actor.is(Role.RECIPIENT)) {
            UUID own = actor.organisationId().value();
            if (filter.organisationId() != null && !filter.organisationId().equals(own)) {
                return new Page<>(List.of(), 0, page.limit(), page.offset());
            }
            effective = new ClaimFilter(filter.schemeId(), own, filter.status());
        }
        ClaimFilter applied = effective;
        return jdbi.inTransaction(handle -> page(handle, applied, null, page));
    }

    public ClaimDetails get(Actor actor, String claimId) {
        return jdbi.inTransaction(handle -> {
            Claim claim = visible(handle, actor, claimId);
            ClaimDao claims = handle.attach(ClaimDao.class);
            return new ClaimDetails(claim, claims.payments(claim.id().value()),
                    claims.adjustments(claim.id().value()),
                    RecoveryService.withReceipts(handle, handle.attach(RecoveryDao.class)
                            .forClaim(claim.id().value())),
                    claims.history(claim.awardId().value(), claim.id().toString()));
        });
    }

    /**
     * A move of a claim through its lifecycle. {@code text} is the reason of a rejection or the question of a
     * query; submissions and approvals take none.
     */
    public Claim transition(Actor actor, String claimId, ClaimTransition transition, String text) {
        actor.requireRole(transition.role());
        Validator validator = new Validator();
        String note = switch (transition) {
            case SUBMIT, APPROVE -> null;
            case REJECT -> validator.text("reason", text, MAX_TEXT);
            case QUERY -> validator.text("question", text, MAX_TEXT);
        };
        validator.throwIfInvalid();

        return jdbi.inTransaction(handle -> {
            ClaimDecisionDao claims = handle.attach(ClaimDecisionDao.class);
            Locked locked = lock(claims, actor, claimId);
            Award award = locked.award();
            Claim before = locked.claim();
            TotalsDao totals = claims;
            UUID id = before.id().value();
            UUID by = actor.userId().value();
            Instant now = clock.instant();
            String action = "CLAIM_" + transition.pastTense().toUpperCase();
            long schemeApprovedDelta = 0;
            // the claim as the updates return it; lines never change here, so they are not read again
            Claim after = switch (transition) {
                case SUBMIT -> {
                    award.requireActive("submit a claim");
                    transition.apply(actor, before.status());
                    Claim submitted = claims.markSubmitted(id, by, now);
                    if (before.status() == ClaimStatus.DRAFT) {
                        totals.addToAward(award.id().value(), before.amount().pence(), 0, 0, 0);
                    }
                    yield submitted.withLinesAndApprovals(before.lines(), before.approvals());
                }
                case APPROVE -> {
                    award.requireActive("approve a claim");
                    boolean complete = before.checkApproval(actor, locked.offeredBy(),
                            locked.dualApprovalThreshold());
                    award.checkApprovalFits(before.amount());
                    Instant approvedAt = claims.insertApproval(id, by, now);
                    List<ClaimApproval> approvals = new ArrayList<>(before.approvals());
                    approvals.add(new ClaimApproval(actor.userId(), actor.username(), approvedAt));
                    Claim decided = before;
                    if (complete) {
                        decided = claims.markApproved(id, by, now);
                        totals.addToAward(award.id().value(), 0, before.amount().pence(), 0, 0);
                        schemeApprovedDelta = before.amount().pence();
                    } else {
                        action = "CLAIM_FIRST_APPROVAL";
                    }
                    yield decided.withLinesAndApprovals(before.lines(), approvals);
                }
                case REJECT -> {
                    transition.apply(actor, before.status());
                    Claim rejected = handle.attach(ClaimDao.class).markRejected(id, by, now, note);
                    totals.addToAward(award.id().value(), -before.amount().pence(), 0, 0, 0);
                    yield rejected.withLinesAndApprovals(before.lines(), before.approvals());
                }
                case QUERY -> {
                    award.requireActive("query a claim");
                    transition.apply(actor, before.status());
                    ClaimDao queries = handle.attach(ClaimDao.class);
                    Claim queried = queries.markQueried(id, by, now, note);
                    queries.clearApprovals(id);
                    yield queried.withLinesAndApprovals(before.lines(), List.of());
                }
            };
            Map<String, Object> beforeState = decisionState(before, award.approved());
            Map<String, Object> afterState = decisionState(after, award.approved()
                    .plus(after.eligible()).minus(before.eligible()));
            if (note != null) {
                afterState.put(transition == ClaimTransition.REJECT ? "reason" : "question", note);
            }
            auditLog.append(handle, event(actor, action, after).before(beforeState).after(afterState).build());
            if (schemeApprovedDelta != 0) {
                // every award of the scheme updates this one row: take its lock last, to hold it only until commit
                totals.addToScheme(award.schemeId().value(), schemeApprovedDelta, 0);
            }
            return after;
        });
    }

    public PaymentResult pay(Actor actor, String claimId, NewPayment request) {
        actor.requireRole(Role.FINANCE_OFFICER);
        Validator validator = new Validator();
        Money amount = validator.positiveMoney("amount", request.amount());
        LocalDate paidOn = validator.date("paidOn", request.paidOn());
        String reference = validator.text("reference", request.reference(), 100);
        validator.throwIfInvalid();

        return jdbi.inTransaction(handle -> {
            Locked locked = lock(handle.attach(ClaimDecisionDao.class), actor, claimId);
            Award award = locked.award();
            Claim before = locked.claim();
            award.requireActive("record a payment");
            ClaimStatus statusAfter = before.checkPayment(amount, paidOn, LocalDate.now(clock));
            ClaimDao claims = handle.attach(ClaimDao.class);
            UUID paymentId = claims.insertPayment(before.id().value(), amount.pence(), paidOn, reference,
                    actor.userId().value(), clock.instant());
            claims.addPaid(before.id().value(), amount.pence(), statusAfter.name());
            handle.attach(TotalsDao.class).addToAward(award.id().value(), 0, 0, amount.pence(), 0);
            handle.attach(TotalsDao.class).addToScheme(award.schemeId().value(), 0, amount.pence());
            Payment payment = claims.payment(paymentId).orElseThrow();
            Claim after = load(handle, before.id());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("claimId", before.id().toString());
            details.put("amount", amount.toDecimalString());
            details.put("paidOn", paidOn.toString());
            details.put("reference", reference);
            auditLog.append(handle, AuditEvent.of(actor, "PAYMENT_RECORDED", "payment", paymentId)
                    .scheme(award.schemeId())
                    .award(award.id())
                    .before(paymentState(before, award.paid()))
                    .after(paymentState(after, award.paid().plus(amount)))
                    .details(details)
                    .build());
            return new PaymentResult(payment, after);
        });
    }

    public AdjustmentResult adjust(Actor actor, String claimId, NewAdjustment request) {
        actor.requireRole(Role.FINANCE_OFFICER);
        Validator validator = new Validator();
        Money amount = validator.positiveMoney("amount", request.amount());
        String reason = validator.text("reason", request.reason(), MAX_TEXT);
        validator.throwIfInvalid();

        return jdbi.inTransaction(handle -> {
            Locked locked = lock(handle.attach(ClaimDecisionDao.class), actor, claimId);
            Award award = locked.award();
            Claim before = locked.claim();
            Claim.AdjustmentOutcome outcome = before.checkAdjustment(amount);
            ClaimDao claims = handle.attach(ClaimDao.class);
            TotalsDao totals = handle.attach(TotalsDao.class);
            Instant now = clock.instant();
            UUID adjustmentId = claims.insertAdjustment(before.id().value(), amount.pence(), reason,
                    outcome.eligibleBefore().pence(), outcome.eligibleAfter().pence(), actor.userId().value(), now);
            claims.setEligible(before.id().value(), outcome.eligibleAfter().pence(), outcome.statusAfter().name());
            totals.addToAward(award.id().value(), 0, -amount.pence(), 0, 0);
            totals.addToScheme(award.schemeId().value(), -amount.pence(), 0);
            Money approvedAfter = award.approved().minus(amount);
            if (award.status() == AwardStatus.CLOSED) {
                // the underspend recorded at close follows the eligible spend it was computed from
                totals.recordUnderspend(award.id().value(), award.amount().minus(approvedAfter).pence());
            }
            Recovery recovery = null;
            if (!outcome.recoveryDue().isZero()) {
                recovery = RecoveryService.raise(handle, auditLog, actor, award, before.id(), outcome.recoveryDue(),
                        "Paid beyond the eligible amount after an adjustment: " + reason, now);
            }
            Claim after = load(handle, before.id());
            Map<String, Object> beforeState = moneyState(before);
            beforeState.put("awardApproved", award.approved().toDecimalString());
            Map<String, Object> afterState = moneyState(after);
            afterState.put("awardApproved", approvedAfter.toDecimalString());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("adjustmentId", adjustmentId.toString());
            details.put("amount", amount.toDecimalString());
            details.put("reason", reason);
            if (recovery != null) {
                details.put("recoveryId", recovery.id().toString());
                details.put("recoveryAmount", recovery.amount().toDecimalString());
            }
            auditLog.append(handle, event(actor, "CLAIM_ADJUSTED", after).before(beforeState).after(afterState)
                    .details(details).build());
            ClaimAdjustment adjustment = claims.adjustment(adjustmentId).orElseThrow();
            return new AdjustmentResult(adjustment, after, recovery);
        });
    }

    /** The claim if the actor may see it; another organisation's claim is "not found", never "forbidden". */
    static Claim visible(Handle handle, Actor actor, String claimId) {
        return withDetails(handle, List.of(visibleRow(handle, actor, claimId))).get(0);
    }

    private static Claim visibleRow(Handle handle, Actor actor, String claimId) {
        return ClaimId.parse(claimId)
                .flatMap(id -> handle.attach(ClaimDao.class).find(id.value()))
                .filter(claim -> actor.canSee(claim.organisationId()))
                .orElseThrow(() -> new NotFoundException("claim", claimId));
    }

    /**
     * Locks the claim's award, then the claim: the one lock order for every change to claims and money. Another
     * organisation's claim is "not found"; its award's lock is let go with the failed transaction.
     */
    private static Locked lock(ClaimDecisionDao claims, Actor actor, String claimId) {
        ClaimId id = ClaimId.parse(claimId).orElseThrow(() -> new NotFoundException("claim", claimId));
        ClaimDecisionDao.AwardOfClaim award = claims.lockAwardOfClaim(id.value())
                .filter(locked -> actor.canSee(locked.award().organisationId()))
                .orElseThrow(() -> new NotFoundException("claim", claimId));
        Claim claim = claims.findForUpdate(id.value()).orElseThrow();
        return new Locked(award.award(), withDetails(claims, List.of(claim)).get(0), award.offeredBy(),
                award.dualApprovalThreshold());
    }

    private static Award lockAward(Handle handle, Actor actor, String awardId) {
        return AwardId.parse(awardId)
                .flatMap(id -> handle.attach(AwardDao.class).findForUpdate(id.value()))
                .filter(award -> actor.canSee(award.organisationId()))
                .orElseThrow(() -> new NotFoundException("award", awardId));
    }

    private static Claim load(Handle handle, ClaimId id) {
        return withDetails(handle, List.of(handle.attach(ClaimDao.class).find(id.value()).orElseThrow())).get(0);
    }

    private static Page<Claim> page(Handle handle, ClaimFilter filter, UUID awardId, Page.Request page) {
        ClaimDao claims = handle.attach(ClaimDao.class);
        String status = filter.status() == null ? null : filter.status().name();
        List<Claim> rows = claims.page(awardId, filter.schemeId(), filter.organisationId(), status, page.limit(),
                page.offset());
        return new Page<>(withDetails(handle, rows),
                claims.count(awardId, filter.schemeId(), filter.organisationId(), status), page.limit(),
                page.offset());
    }

    private static List<Claim> withDetails(Handle handle, List<Claim> rows) {
        return rows.isEmpty() ? rows : withDetails(handle.attach(ClaimDecisionDao.class), rows);
    }

    private static List<Claim> withDetails(ClaimDecisionDao claims, List<Claim> rows) {
        UUID[] ids = rows.stream().map(claim -> claim.id().value()).toArray(UUID[]::new);
        Map<UUID, List<ClaimLine>> lines = new HashMap<>();
        Map<UUID, List<ClaimApproval>> approvals = new HashMap<>();
        for (ClaimDecisionDao.DetailRow row : claims.details(ids)) {
            if (row.line() != null) {
                lines.computeIfAbsent(row.claimId(), claim -> new ArrayList<>()).add(row.line());
            } else {
                approvals.computeIfAbsent(row.claimId(), claim -> new ArrayList<>()).add(row.approval());
            }
        }
        return rows.stream()
                .map(claim -> claim.withLinesAndApprovals(lines.getOrDefault(claim.id().value(), List.of()),
                        approvals.getOrDefault(claim.id().value(), List.of())))
                .toList();
    }

    private static List<ClaimLine> lines(Validator validator, List<NewClaim.NewClaimLine> requested) {
        if (requested == null || requested.isEmpty()) {
            validator.reject("lines", "must have at least one line of expenditure");
            return List.of();
        }
        validator.check(requested.size() <= MAX_LINES, "lines", "must have at most " + MAX_LINES + " lines");
        List<ClaimLine> lines = new ArrayList<>();
        for (int index = 0; index < Math.min(requested.size(), MAX_LINES); index++) {
            String field = "lines[" + index + "]";
            NewClaim.NewClaimLine line = requested.get(index);
            if (line == null) {
                validator.reject(field, "is required");
                continue;
            }
            String category = validator.text(field + ".category", line.category(), 100);
            String description = validator.text(field + ".description", line.description(), MAX_TEXT);
            Money amount = validator.positiveMoney(field + ".amount", line.amount());
            if (category != null && description != null && amount != null) {
                lines.add(new ClaimLine(category, description, amount));
            }
        }
        return lines;
    }

    private static AuditEvent.Builder event(Actor actor, String action, Claim claim) {
        return AuditEvent.of(actor, action, "claim", claim.id())
                .scheme(claim.schemeId())
                .award(claim.awardId());
    }

    static Map<String, Object> state(Claim claim) {
        Map<String, Object> state = moneyState(claim);
        state.put("periodStart", claim.periodStart().toString());
        state.put("periodEnd", claim.periodEnd().toString());
        state.put("lines", claim.lines().stream()
                .map(line -> Map.of("category", line.category(), "description", line.description(),
                        "amount", line.amount().toDecimalString()))
                .toList());
        return state;
    }

    private static Map<String, Object> moneyState(Claim claim) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", claim.status().name());
        state.put("amount", claim.amount().toDecimalString());
        state.put("eligible", claim.eligible().toDecimalString());
        state.put("paid", claim.paid().toDecimalString());
        return state;
    }

    private static Map<String, Object> decisionState(Claim claim, Money awardApproved) {
        Map<String, Object> state = moneyState(claim);
        state.put("approvals", claim.approvals().stream().map(ClaimApproval::approverUsername).toList());
        state.put("awardApproved", awardApproved.toDecimalString());
        return state;
    }

    private static Map<String, Object> paymentState(Claim claim, Money awardPaid) {
        Map<String, Object> state = moneyState(claim);
        state.put("awardPaid", awardPaid.toDecimalString());
        return state;
    }

    private record Locked(Award award, Claim claim, UserId offeredBy, Money dualApprovalThreshold) {
        private Locked {
            requireNonNull(award, "award is null");
            requireNonNull(claim, "claim is null");
            requireNonNull(dualApprovalThreshold, "dualApprovalThreshold is null");
        }
    }

    /** Optional filters of the claim list. */
    public record ClaimFilter(UUID schemeId, UUID organisationId, ClaimStatus status) {
        public static ClaimFilter parse(String schemeId, String organisationId, String status) {
            Validator validator = new Validator();
            SchemeId scheme = validator.optional("schemeId", schemeId, SchemeId::parse, "the id of a scheme");
            OrganisationId organisation = validator.optional("organisationId", organisationId, OrganisationId::parse,
                    "the id of an organisation");
            ClaimStatus parsedStatus = validator.optionalEnum("status", status, ClaimStatus.class);
            validator.throwIfInvalid();
            return new ClaimFilter(scheme == null ? null : scheme.value(),
                    organisation == null ? null : organisation.value(), parsedStatus);
        }
    }
}
