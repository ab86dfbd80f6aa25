package wales.gov.grants.claims;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardAccess;
import wales.gov.grants.awards.AwardStatus;
import wales.gov.grants.delegations.Delegation;
import wales.gov.grants.delegations.DelegationService;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.FinancialYear;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.MoneyMovement;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.UserId;
import wales.gov.grants.kernel.Validator;
import wales.gov.grants.recoveries.Ledger;
import wales.gov.grants.recoveries.Recovery;
import wales.gov.grants.recoveries.TotalsDao;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.schemes.SchemeDao;

import static java.util.Objects.requireNonNull;

/**
 * Claims, their decisions, payments and adjustments. Every change to a claim or to money takes the award's row lock
 * first, so the budget rules (approved claims within the award, payments within the approved amount) hold however
 * many requests race; the loser of a race on one claim finds its new status and gets a state conflict.
 */
public final class ClaimService {
    static final int MAX_LINES = 200;
    static final int MAX_TEXT = 2000;

    /** Who is told of double-funding warnings: those who decide claims or audit them, never a recipient. */
    private static final Role[] WARNING_READERS = {Role.FINANCE_OFFICER, Role.GRANT_MANAGER, Role.AUDITOR};

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final AwardAccess access;
    private final Ledger ledger;
    private final DelegationService delegations;
    private final Clock clock;

    public ClaimService(Jdbi jdbi, AuditLog auditLog, AwardAccess access, Ledger ledger,
                        DelegationService delegations, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.access = requireNonNull(access, "access is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.delegations = requireNonNull(delegations, "delegations is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Claim create(Actor actor, AwardId awardId, NewClaim request) {
        actor.requireRole(Role.RECIPIENT);
        Drafted drafted = drafted(request);

        return jdbi.inTransaction(handle -> {
            Award award = access.lockVisible(handle, actor, awardId);
            award.requireActive("make a claim");
            ClaimDao claims = handle.attach(ClaimDao.class);
            requireFits(handle, award, drafted, null);
            ClaimId id = ClaimId.random();
            claims.insert(id.value(), award.id().value(), drafted.start(), drafted.end(), drafted.amount().pence(),
                    actor.userId().value(), clock.instant());
            insertLines(claims, id, drafted.lines());
            Claim claim = load(handle, id);
            auditLog.append(handle, event(actor, AuditAction.CLAIM_CREATED, claim).after(state(claim)).build());
            return claim;
        });
    }

    /**
     * Refuses, before a form is filled in, what {@link #create} would refuse whatever the claim: the role, the award
     * (another organisation's is "not found") and its status.
     *
     * @return the award the claim would be made against
     */
    public Award checkCreate(Actor actor, AwardId awardId) {
        actor.requireRole(Role.RECIPIENT);
        Award award = jdbi.withHandle(handle -> access.visible(handle, actor, awardId));
        award.requireActive("make a claim");
        return award;
    }

    /**
     * Replaces the period and lines of a DRAFT claim, or of a QUERIED one before it is submitted again, by the same
     * checks as {@link #create}; the period the claim already holds does not clash with itself. A queried claim's
     * amount already counts as claimed on its award, so the award's claimed total moves by the difference.
     */
    public Claim amend(Actor actor, ClaimId claimId, NewClaim request) {
        actor.requireRole(Role.RECIPIENT);
        Drafted drafted = drafted(request);

        return jdbi.inTransaction(handle -> {
            Locked locked = lock(handle.attach(ClaimDecisionDao.class), actor, claimId);
            Claim before = locked.claim();
            Award award = locked.award();
            award.requireActive("change a claim");
            if (before.status() != ClaimStatus.DRAFT && before.status() != ClaimStatus.QUERIED) {
                throw new StateConflictException("only a DRAFT or QUERIED claim can be changed; this claim is "
                        + before.status());
            }
            ClaimDao claims = handle.attach(ClaimDao.class);
            requireFits(handle, award, drafted, before.id());
            claims.amend(before.id().value(), drafted.start(), drafted.end(), drafted.amount().pence());
            claims.deleteLines(before.id().value());
            insertLines(claims, before.id(), drafted.lines());
            if (before.status() == ClaimStatus.QUERIED) {
                ledger.claimAmended(handle.attach(TotalsDao.class), award.id(), before.amount(), drafted.amount());
            }
            Claim after = load(handle, before.id());
            auditLog.append(handle, event(actor, AuditAction.CLAIM_AMENDED, after).before(state(before))
                    .after(state(after)).build());
            return after;
        });
    }

    public Page<Claim> listForAward(Actor actor, AwardId awardId, Page.Request page) {
        return jdbi.inTransaction(handle -> {
            Award award = access.visible(handle, actor, awardId);
            return page(handle, new ClaimFilter(null, null, null), award.id(), page);
        });
    }

    /** The work queue: claims oldest submitted first; a recipient's list is always limited to its organisation. */
    public Page<Claim> list(Actor actor, ClaimFilter filter, Page.Request page) {
        actor.requireRole(Role.FINANCE_OFFICER, Role.GRANT_MANAGER, Role.AUDITOR, Role.RECIPIENT);
        Actor.ListScope scope = actor.scope(filter.organisationId());
        if (scope.empty()) {
            return new Page<>(List.of(), 0, page.limit(), page.offset());
        }
        ClaimFilter applied = new ClaimFilter(filter.schemeId(), scope.organisation(), filter.status());
        return jdbi.inTransaction(handle -> page(handle, applied, null, page));
    }

    public ClaimDetails get(Actor actor, ClaimId claimId) {
        return jdbi.inTransaction(handle -> {
            Claim claim = visible(handle, actor, claimId);
            ClaimDao claims = handle.attach(ClaimDao.class);
            return new ClaimDetails(claim, claims.payments(claim.id().value()),
                    claims.adjustments(claim.id().value()), ledger.recoveriesOfClaim(handle, claim.id()),
                    claims.history(claim.awardId().value(), claim.id().toString()).stream()
                            .map(event -> event.visibleTo(actor)).toList());
        });
    }

    /** Whether {@code actor} is one of those {@link #warnings} and {@link #withWarnings} answer (and do not refuse). */
    public static boolean readsWarnings(Actor actor) {
        return Arrays.asList(WARNING_READERS).contains(actor.role());
    }

    /**
     * The possible double funding of a claim, for those who decide or audit it. Never for a recipient: a finding
     * names another organisation's claim, and a recipient must not learn that another organisation uploaded the
     * same file (another organisation's claim is "not found", the recipient's own is forbidden).
     */
    public List<ClaimWarning> warnings(Actor actor, ClaimId claimId) {
        return jdbi.inTransaction(handle -> {
            Claim claim = visible(handle, actor, claimId);
            actor.requireRole(WARNING_READERS);
            return handle.attach(WarningDao.class).warnings(new UUID[] {claim.id().value()});
        });
    }

    /** Which of the claims have warnings: the work queue's tag, in one query for a page of claims. */
    public Set<ClaimId> withWarnings(Actor actor, List<Claim> claims) {
        actor.requireRole(WARNING_READERS);
        if (claims.isEmpty()) {
            return Set.of();
        }
        UUID[] ids = claims.stream().map(claim -> claim.id().value()).toArray(UUID[]::new);
        return jdbi.withExtension(WarningDao.class, warnings -> warnings.claimsWithWarnings(ids)).stream()
                .map(ClaimId::new).collect(Collectors.toSet());
    }

    /**
     * A move of a claim through its lifecycle. {@code text} is the reason of a rejection or the question of a
     * query; submissions and approvals take none (an approval is {@link #approve} in its own right).
     */
    public Claim transition(Actor actor, ClaimId claimId, ClaimTransition transition, String text) {
        return decide(actor, claimId, transition, text, ApprovalRequest.PLAIN);
    }

    /**
     * Approves a claim, acknowledging its warnings and acting under a delegation as {@code request} says. A claim
     * with warnings is refused unless they are acknowledged with a reason; under a delegation both the approver
     * and the delegator must be free to approve it.
     */
    public Claim approve(Actor actor, ClaimId claimId, ApprovalRequest request) {
        return decide(actor, claimId, ClaimTransition.APPROVE, null, request == null ? ApprovalRequest.PLAIN : request);
    }

    private Claim decide(Actor actor, ClaimId claimId, ClaimTransition transition, String text,
                         ApprovalRequest approval) {
        transition.requireRole(actor);
        Validator validator = new Validator();
        String note = switch (transition) {
            case SUBMIT, APPROVE -> null;
            case REJECT -> validator.text("reason", text, MAX_TEXT);
            case QUERY -> validator.text("question", text, MAX_TEXT);
        };
        String acknowledgement = approval.acknowledges() ? validator.line("reason", approval.reason(), MAX_TEXT)
                : null;
        UserId onBehalfOf = validator.optional("onBehalfOf", approval.onBehalfOf(), UserId::parse,
                "the id of the finance officer who delegated to you");
        if (onBehalfOf != null && onBehalfOf.equals(actor.userId())) {
            validator.reject("onBehalfOf", "must be another finance officer, not yourself");
        }
        validator.throwIfInvalid();

        return jdbi.inTransaction(handle -> {
            ClaimDecisionDao claims = handle.attach(ClaimDecisionDao.class);
            Locked locked = lock(claims, actor, claimId);
            Decision decision = switch (transition) {
                case SUBMIT -> submit(claims, actor, locked);
                case APPROVE -> approve(handle, claims, actor, locked, onBehalfOf, acknowledgement);
                case REJECT -> reject(handle, claims, actor, locked, note);
                case QUERY -> query(handle, actor, locked, note);
            };
            Claim before = locked.claim();
            Claim after = decision.claim();
            Money awardApproved = locked.award().approved();
            Map<String, Object> beforeState = decisionState(before, awardApproved);
            Map<String, Object> afterState = decisionState(after,
                    awardApproved.plus(after.eligible()).minus(before.eligible()));
            if (note != null) {
                afterState.put(transition == ClaimTransition.REJECT ? "reason" : "question", note);
            }
            AuditEvent.Builder event = event(actor, decision.action(), after).before(beforeState).after(afterState);
            if (!decision.details().isEmpty()) {
                event.details(decision.details());
            }
            auditLog.append(handle, event.build());
            if (decision.approved()) {
                // every award of the scheme updates one scheme row: the ledger takes its lock last, held until commit
                ledger.claimApproved(claims, locked.award().account(), before.amount());
            }
            return after;
        });
    }

    /**
     * What a decision did: the claim as the updates returned it, the action to record, whether it approved, and
     * what the event records beyond the claim's states (an approval's delegation and acknowledgement).
     */
    private record Decision(Claim claim, AuditAction action, boolean approved, Map<String, Object> details) {
        private Decision(Claim claim, AuditAction action, boolean approved) {
            this(claim, action, approved, Map.of());
        }
    }

    // The claim as the updates return it: lines never change in a decision, so they are not read again.

    private Decision submit(ClaimDecisionDao claims, Actor actor, Locked locked) {
        Claim before = locked.claim();
        locked.award().requireActive("submit a claim");
        ClaimStatus target = ClaimTransition.SUBMIT.apply(actor, before.status());
        Claim submitted = claims.markSubmitted(before.id().value(), target, actor.userId().value(), clock.instant());
        if (before.status() == ClaimStatus.DRAFT) {
            ledger.claimSubmitted(claims, locked.award().id(), before.amount());
        }
        return new Decision(submitted.withLinesAndApprovals(before.lines(), before.approvals()),
                ClaimTransition.SUBMIT.action(), false);
    }

    private Decision approve(Handle handle, ClaimDecisionDao claims, Actor actor, Locked locked, UserId onBehalfOf,
                             String acknowledgement) {
        Claim before = locked.claim();
        Award award = locked.award();
        award.requireActive("approve a claim");
        Delegation delegation = null;
        if (onBehalfOf != null) {
            ClaimTransition.APPROVE.apply(actor, before.status());
            delegation = delegations.requireActive(handle, onBehalfOf, actor.userId());
        }
        boolean complete = before.checkApproval(actor, onBehalfOf, locked.offeredBy(),
                locked.dualApprovalThreshold());
        award.checkApprovalFits(before.amount());
        // read under the award's lock, as of this moment: the finding set the approver acknowledges is the one stored
        List<ClaimWarning> warnings = handle.attach(WarningDao.class).warnings(new UUID[] {before.id().value()});
        if (!warnings.isEmpty() && acknowledgement == null) {
            throw new RuleViolationException("warnings-not-acknowledged", "the claim has " + warnings.size()
                    + " possible double funding warning(s); approve with {\"acknowledgeWarnings\": true, "
                    + "\"reason\": \"...\"} to proceed: " + String.join("; ",
                    warnings.stream().map(ClaimWarning::describe).toList()));
        }
        List<String> acknowledged = warnings.stream().map(ClaimWarning::key).toList();
        String reason = warnings.isEmpty() ? null : acknowledgement;
        Instant now = clock.instant();
        Instant approvedAt = claims.insertApproval(before.id().value(), actor.userId().value(), now,
                onBehalfOf == null ? null : onBehalfOf.value(), delegation == null ? null : delegation.id(),
                warnings.isEmpty() ? null : acknowledged.toArray(String[]::new), reason);
        List<ClaimApproval> approvals = new ArrayList<>(before.approvals());
        approvals.add(new ClaimApproval(actor.userId(), actor.username(), approvedAt, onBehalfOf,
                delegation == null ? null : delegation.delegatorUsername(), acknowledged, reason));
        Map<String, Object> details = new LinkedHashMap<>();
        if (delegation != null) {
            details.put("onBehalfOf", delegation.delegatorUsername());
            details.put("delegationId", delegation.id().toString());
        }
        if (!warnings.isEmpty()) {
            details.put("acknowledgedWarnings", acknowledged);
            details.put("acknowledgementReason", reason);
        }
        if (!complete) {
            return new Decision(before.withLinesAndApprovals(before.lines(), approvals),
                    AuditAction.CLAIM_FIRST_APPROVAL, false, details);
        }
        Claim approved = claims.markApproved(before.id().value(), ClaimTransition.APPROVE.target(),
                actor.userId().value(), now);
        return new Decision(approved.withLinesAndApprovals(before.lines(), approvals),
                ClaimTransition.APPROVE.action(), true, details);
    }

    private Decision reject(Handle handle, ClaimDecisionDao claims, Actor actor, Locked locked, String reason) {
        Claim before = locked.claim();
        ClaimStatus target = ClaimTransition.REJECT.apply(actor, before.status());
        Claim rejected = handle.attach(ClaimDao.class).markRejected(before.id().value(), target,
                actor.userId().value(), clock.instant(), reason);
        ledger.claimRejected(claims, locked.award().id(), before.amount());
        return new Decision(rejected.withLinesAndApprovals(before.lines(), before.approvals()),
                ClaimTransition.REJECT.action(), false);
    }

    private Decision query(Handle handle, Actor actor, Locked locked, String question) {
        Claim before = locked.claim();
        locked.award().requireActive("query a claim");
        ClaimStatus target = ClaimTransition.QUERY.apply(actor, before.status());
        ClaimDao queries = handle.attach(ClaimDao.class);
        Claim queried = queries.markQueried(before.id().value(), target, actor.userId().value(), clock.instant(),
                question);
        queries.clearApprovals(before.id().value());
        return new Decision(queried.withLinesAndApprovals(before.lines(), List.of()),
                ClaimTransition.QUERY.action(), false);
    }

    public PaymentResult pay(Actor actor, ClaimId claimId, NewPayment request) {
        actor.requireRole(Role.FINANCE_OFFICER);
        MoneyMovement payment = MoneyMovement.parse(request.amount(), "paidOn", request.paidOn(),
                request.reference());

        return jdbi.inTransaction(handle -> {
            Locked locked = lock(handle.attach(ClaimDecisionDao.class), actor, claimId);
            Award award = locked.award();
            Claim before = locked.claim();
            award.requireActive("record a payment");
            ClaimStatus statusAfter = before.checkPayment(payment, LocalDate.now(clock));
            ClaimDao claims = handle.attach(ClaimDao.class);
            UUID paymentId = claims.insertPayment(before.id().value(), payment.amount().pence(), payment.on(),
                    payment.reference(), actor.userId().value(), clock.instant());
            claims.addPaid(before.id().value(), payment.amount().pence(), statusAfter);
            ledger.paymentRecorded(handle.attach(TotalsDao.class), award.account(), payment.amount());
            Payment recorded = claims.payment(paymentId).orElseThrow();
            Claim after = load(handle, before.id());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("claimId", before.id().toString());
            details.put("amount", payment.amount().toDecimalString());
            details.put("paidOn", payment.on().toString());
            details.put("reference", payment.reference());
            auditLog.append(handle, AuditEvent.of(actor, AuditAction.PAYMENT_RECORDED, paymentId)
                    .scheme(award.schemeId())
                    .award(award.id())
                    .before(paymentState(before, award.paid()))
                    .after(paymentState(after, award.paid().plus(payment.amount())))
                    .details(details)
                    .build());
            return new PaymentResult(recorded, after);
        });
    }

    /**
     * The claim a finance officer is about to pay or adjust, for the form that does it: the role and the claim's
     * visibility are checked here; whether the claim takes a payment now is {@link Claim#acceptsPayments()}, and
     * the payment itself checks everything again under the locks.
     */
    public ClaimDetails forPayment(Actor actor, ClaimId claimId) {
        actor.requireRole(Role.FINANCE_OFFICER);
        return get(actor, claimId);
    }

    /**
     * A dry run of {@link #pay}: every check a payment would pass now, recording nothing, for a page that asks the
     * officer to confirm what will be recorded. The payment itself checks again under the locks.
     */
    public MoneyMovement previewPayment(Actor actor, ClaimId claimId, NewPayment request) {
        actor.requireRole(Role.FINANCE_OFFICER);
        MoneyMovement payment = MoneyMovement.parse(request.amount(), "paidOn", request.paidOn(),
                request.reference());
        return jdbi.inTransaction(handle -> {
            Claim claim = visible(handle, actor, claimId);
            access.visible(handle, actor, claim.awardId()).requireActive("record a payment");
            claim.checkPayment(payment, LocalDate.now(clock));
            return payment;
        });
    }

    /** The award's claims a finance officer may adjust (reduce after approval), oldest first, for the form. */
    public List<Claim> adjustable(Actor actor, AwardId awardId) {
        actor.requireRole(Role.FINANCE_OFFICER);
        return jdbi.inTransaction(handle -> {
            Award award = access.visible(handle, actor, awardId);
            ClaimDao claims = handle.attach(ClaimDao.class);
            List<Claim> rows = claims.page(award.id().value(), null, null, null, Integer.MAX_VALUE, 0).stream()
                    .filter(Claim::adjustable).toList();
            return withDetails(handle, rows);
        });
    }

    /** Payments newest first, optionally of one scheme and paid within a range of days. */
    public Page<PaymentListing> payments(Actor actor, PaymentFilter filter, Page.Request page) {
        actor.requireRole(Role.FINANCE_OFFICER, Role.GRANT_MANAGER, Role.AUDITOR);
        UUID scheme = filter.schemeId() == null ? null : filter.schemeId().value();
        UUID organisation = filter.organisationId() == null ? null : filter.organisationId().value();
        return jdbi.inTransaction(handle -> {
            PaymentDao payments = handle.attach(PaymentDao.class);
            return new Page<>(payments.paymentPage(scheme, organisation, filter.paidFrom(), filter.paidTo(),
                    page.limit(), page.offset()),
                    payments.paymentCount(scheme, organisation, filter.paidFrom(), filter.paidTo()), page.limit(),
                    page.offset());
        });
    }

    public AdjustmentResult adjust(Actor actor, ClaimId claimId, NewAdjustment request) {
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
            UUID adjustmentId = claims.insertAdjustment(before.id().value(), amount.pence(), reason,
                    outcome.eligibleBefore().pence(), outcome.eligibleAfter().pence(), actor.userId().value(),
                    clock.instant());
            claims.setEligible(before.id().value(), outcome.eligibleAfter().pence(), outcome.statusAfter());
            ledger.eligibleReduced(handle.attach(TotalsDao.class), award.account(),
                    award.status() == AwardStatus.CLOSED, amount);
            Money approvedAfter = award.approved().minus(amount);
            Recovery recovery = null;
            if (!outcome.recoveryDue().isZero()) {
                recovery = ledger.raise(handle, actor, award.account(), before.id(), outcome.recoveryDue(),
                        "Paid beyond the eligible amount after an adjustment: " + reason);
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
            auditLog.append(handle, event(actor, AuditAction.CLAIM_ADJUSTED, after).before(beforeState)
                    .after(afterState).details(details).build());
            ClaimAdjustment adjustment = claims.adjustment(adjustmentId).orElseThrow();
            return new AdjustmentResult(adjustment, after, recovery);
        });
    }

    /** The claim if the actor may see it; another organisation's claim is "not found", never "forbidden". */
    private static Claim visible(Handle handle, Actor actor, ClaimId claimId) {
        Claim claim = handle.attach(ClaimDao.class).find(claimId.value())
                .filter(found -> actor.canSee(found.organisationId()))
                .orElseThrow(() -> new NotFoundException("claim", claimId.toString()));
        return withDetails(handle, List.of(claim)).get(0);
    }

    /**
     * Locks the claim's award, then the claim: the one lock order for every change to claims and money. Another
     * organisation's claim is "not found"; its award's lock is let go with the failed transaction.
     */
    private static Locked lock(ClaimDecisionDao claims, Actor actor, ClaimId id) {
        ClaimDecisionDao.AwardOfClaim award = claims.lockAwardOfClaim(id.value())
                .filter(locked -> actor.canSee(locked.award().organisationId()))
                .orElseThrow(() -> new NotFoundException("claim", id.toString()));
        Claim claim = claims.findForUpdate(id.value()).orElseThrow();
        return new Locked(award.award(), claims.withLinesAndApprovals(List.of(claim)).get(0), award.offeredBy(),
                award.dualApprovalThreshold());
    }

    private static Claim load(Handle handle, ClaimId id) {
        return withDetails(handle, List.of(handle.attach(ClaimDao.class).find(id.value()).orElseThrow())).get(0);
    }

    private static Page<Claim> page(Handle handle, ClaimFilter filter, AwardId awardId, Page.Request page) {
        ClaimDao claims = handle.attach(ClaimDao.class);
        UUID award = awardId == null ? null : awardId.value();
        UUID scheme = filter.schemeId() == null ? null : filter.schemeId().value();
        UUID organisation = filter.organisationId() == null ? null : filter.organisationId().value();
        String status = filter.status() == null ? null : filter.status().name();
        List<Claim> rows = claims.page(award, scheme, organisation, status, page.limit(), page.offset());
        return new Page<>(withDetails(handle, rows), claims.count(award, scheme, organisation, status),
                page.limit(), page.offset());
    }

    private static List<Claim> withDetails(Handle handle, List<Claim> rows) {
        return rows.isEmpty() ? rows : handle.attach(ClaimDecisionDao.class).withLinesAndApprovals(rows);
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

    private static AuditEvent.Builder event(Actor actor, AuditAction action, Claim claim) {
        return AuditEvent.of(actor, action, claim.id())
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

    /** Optional filters of the payments list; {@code paidFrom} and {@code paidTo} are inclusive. */
    public record PaymentFilter(SchemeId schemeId, OrganisationId organisationId, LocalDate paidFrom,
                                LocalDate paidTo) {
        public static PaymentFilter parse(String schemeId, String organisationId, String paidFrom, String paidTo) {
            Validator validator = new Validator();
            SchemeId scheme = validator.optional("schemeId", schemeId, SchemeId::parse, "the id of a scheme");
            OrganisationId organisation = validator.optional("organisationId", organisationId, OrganisationId::parse,
                    "the id of an organisation");
            LocalDate from = paidFrom == null ? null : validator.date("paidFrom", paidFrom);
            LocalDate to = paidTo == null ? null : validator.date("paidTo", paidTo);
            if (from != null && to != null) {
                validator.check(!to.isBefore(from), "paidTo", "must not be before paidFrom");
            }
            validator.throwIfInvalid();
            return new PaymentFilter(scheme, organisation, from, to);
        }
    }

    /** Optional filters of the claim list. */
    public record ClaimFilter(SchemeId schemeId, OrganisationId organisationId, ClaimStatus status) {
        public static ClaimFilter parse(String schemeId, String organisationId, String status) {
            Validator validator = new Validator();
            SchemeId scheme = validator.optional("schemeId", schemeId, SchemeId::parse, "the id of a scheme");
            OrganisationId organisation = validator.optional("organisationId", organisationId, OrganisationId::parse,
                    "the id of an organisation");
            ClaimStatus parsedStatus = validator.optionalEnum("status", status, ClaimStatus.class);
            validator.throwIfInvalid();
            return new ClaimFilter(scheme, organisation, parsedStatus);
        }
    }

    /** A claim's lines in order, each with the key that finds the same line claimed twice. */
    private static void insertLines(ClaimDao claims, ClaimId id, List<ClaimLine> lines) {
        for (int position = 0; position < lines.size(); position++) {
            ClaimLine line = lines.get(position);
            claims.insertLine(id.value(), position, line.category(), line.description(), line.amount().pence(),
                    LineDescriptions.key(line.description()));
        }
    }

    /** A new or changed claim's period and lines, checked as a claim's are before anything is read. */
    private record Drafted(LocalDate start, LocalDate end, List<ClaimLine> lines, Money amount) {
    }

    private Drafted drafted(NewClaim request) {
        Validator validator = new Validator();
        LocalDate start = validator.date("periodStart", request.periodStart());
        LocalDate end = validator.date("periodEnd", request.periodEnd());
        if (start != null && end != null) {
            validator.check(!end.isBefore(start), "periodEnd", "must not be before periodStart");
        }
        List<ClaimLine> lines = lines(validator, request.lines());
        validator.throwIfInvalid();
        return new Drafted(start, end, lines, ClaimLine.total(lines));
    }

    /**
     * Refuses a claim whose period is outside its scheme's financial year, whose lines add up to more than the
     * award, or whose period overlaps another of the award's claims ({@code itself}, when it is being changed, does
     * not count).
     */
    private static void requireFits(Handle handle, Award award, Drafted drafted, ClaimId itself) {
        Scheme scheme = handle.attach(SchemeDao.class).find(award.schemeId().value()).orElseThrow();
        FinancialYear year = scheme.financialYear();
        Validator period = new Validator();
        String within = "must be within the financial year " + year + " (" + year.firstDay() + " to "
                + year.lastDay() + ")";
        period.check(year.contains(drafted.start()), "periodStart", within);
        period.check(year.contains(drafted.end()), "periodEnd", within);
        period.throwIfInvalid();
        if (drafted.amount().isGreaterThan(award.amount())) {
            throw new RuleViolationException("claim-exceeds-award", "the claim's lines add up to " + drafted.amount()
                    + ", more than the whole award of " + award.amount());
        }
        List<Claim> clashing = handle.attach(ClaimDao.class).holdingPeriod(award.id().value(), drafted.start(),
                drafted.end()).stream().filter(other -> !other.id().equals(itself)).toList();
        if (!clashing.isEmpty()) {
            Claim earlier = clashing.get(0);
            throw new RuleViolationException("overlapping-period", "the period " + drafted.start() + " to "
                    + drafted.end() + " overlaps claim " + earlier.id() + " for " + earlier.periodStart() + " to "
                    + earlier.periodEnd() + ", which is " + earlier.status()
                    + "; only a rejected claim frees its period");
        }
    }
}
