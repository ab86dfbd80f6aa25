package wales.gov.grants.delegations;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.DelegationId;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.UserId;
import wales.gov.grants.kernel.Validator;
import wales.gov.grants.users.User;
import wales.gov.grants.users.UserDao;

import static java.util.Objects.requireNonNull;

/**
 * Finance officers lending their approval authority while away. A delegation names both people on every approval
 * made under it and never lets either approve what segregation of duties forbids them (ClaimService checks both).
 * One delegator has one live delegation at a time: the check runs under the delegator's user row lock, and the
 * database's exclusion constraint holds it even against writers that skip the service.
 */
public final class DelegationService {
    static final int MAX_REASON = 2000;

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final Clock clock;
    private final int maxDays;

    public DelegationService(Jdbi jdbi, AuditLog auditLog, Clock clock, int maxDays) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (maxDays < 1) {
            throw new IllegalArgumentException("maxDays must be at least 1");
        }
        this.maxDays = maxDays;
    }

    public int maxDays() {
        return maxDays;
    }

    public Delegation create(Actor actor, NewDelegation request) {
        actor.requireRole(Role.FINANCE_OFFICER);
        Validator validator = new Validator();
        UserId delegateId = null;
        if (request.delegateId() == null) {
            validator.reject("delegateId", "is required");
        } else {
            delegateId = validator.optional("delegateId", request.delegateId(), UserId::parse, "the id of a user");
        }
        LocalDate from = validator.date("from", request.from());
        LocalDate to = validator.date("to", request.to());
        String reason = validator.text("reason", request.reason(), MAX_REASON);
        LocalDate today = LocalDate.now(clock);
        if (from != null && to != null) {
            validator.check(!to.isBefore(from), "to", "must not be before from");
            validator.check(!from.isBefore(today), "from", "must not be in the past (today is " + today + ")");
            if (!to.isBefore(from)) {
                long days = ChronoUnit.DAYS.between(from, to) + 1;
                validator.check(days <= maxDays, "to", "a delegation lasts at most " + maxDays
                        + " days, both ends counted; this one would last " + days);
            }
        }
        validator.throwIfInvalid();
        if (delegateId.equals(actor.userId())) {
            throw new RuleViolationException("delegation-to-oneself", "a finance officer cannot delegate to themselves");
        }
        UserId delegate = delegateId;

        return jdbi.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            // the delegator's row lock: two requests of one delegator check for overlaps one after the other
            users.findForUpdate(actor.userId().value()).orElseThrow();
            Optional<User> delegateUser = users.find(delegate.value());
            if (delegateUser.isEmpty() || delegateUser.get().role() != Role.FINANCE_OFFICER
                    || !delegateUser.get().enabled()) {
                throw new RuleViolationException("delegate-not-finance-officer",
                        "a delegation goes to an active finance officer; user " + delegate + " is not one");
            }
            DelegationDao delegations = handle.attach(DelegationDao.class);
            List<Delegation> clashing = delegations.overlapping(actor.userId().value(), from, to);
            if (!clashing.isEmpty()) {
                Delegation earlier = clashing.get(0);
                throw new RuleViolationException("overlapping-delegation", "the period " + from + " to " + to
                        + " overlaps delegation " + earlier.id() + " to " + earlier.delegateUsername() + " for "
                        + earlier.from() + " to " + earlier.to() + "; revoke it first");
            }
            UUID id = UUID.randomUUID();
            delegations.insert(id, actor.userId().value(), delegate.value(), from, to, reason, clock.instant());
            Delegation created = delegations.find(id).orElseThrow();
            auditLog.append(handle, AuditEvent.of(actor, AuditAction.DELEGATION_CREATED, id)
                    .after(state(created)).build());
            return created;
        });
    }

    /**
     * Finance officers see the delegations they gave or received; grant managers, administrators and auditors see
     * all of them.
     */
    public Page<Delegation> list(Actor actor, Page.Request page) {
        actor.requireRole(Role.FINANCE_OFFICER, Role.GRANT_MANAGER, Role.ADMIN, Role.AUDITOR);
        UUID user = actor.role() == Role.FINANCE_OFFICER ? actor.userId().value() : null;
        return jdbi.withExtension(DelegationDao.class, delegations -> new Page<>(
                delegations.page(user, page.limit(), page.offset()), delegations.count(user), page.limit(),
                page.offset()));
    }

    /** The delegations to {@code actor} in force today: whose approval authority they may use now. */
    public List<Delegation> inForceFor(Actor actor) {
        actor.requireRole(Role.FINANCE_OFFICER);
        LocalDate today = LocalDate.now(clock);
        return jdbi.withExtension(DelegationDao.class, delegations -> delegations.page(actor.userId().value(),
                Page.MAX_LIMIT, 0L)).stream()
                .filter(delegation -> delegation.delegateId().equals(actor.userId()) && delegation.activeOn(today))
                .toList();
    }

    public Delegation get(Actor actor, String id) {
        actor.requireRole(Role.FINANCE_OFFICER, Role.GRANT_MANAGER, Role.ADMIN, Role.AUDITOR);
        return jdbi.withExtension(DelegationDao.class, delegations -> visible(actor,
                DelegationId.parse(id).map(DelegationId::value).flatMap(delegations::find), id));
    }

    /** Revoked by its delegator, a grant manager or an administrator; the delegate may not end it. */
    public Delegation revoke(Actor actor, String id) {
        actor.requireRole(Role.FINANCE_OFFICER, Role.GRANT_MANAGER, Role.ADMIN);
        return jdbi.inTransaction(handle -> {
            DelegationDao delegations = handle.attach(DelegationDao.class);
            Delegation before = visible(actor, DelegationId.parse(id).map(DelegationId::value)
                    .flatMap(delegations::findForUpdate), id);
            if (actor.role() == Role.FINANCE_OFFICER && !before.delegatorId().equals(actor.userId())) {
                throw new PermissionDeniedException("only the delegator, a grant manager or an administrator may "
                        + "revoke a delegation");
            }
            if (before.revoked()) {
                throw new StateConflictException("the delegation was already revoked at " + before.revokedAt());
            }
            Instant now = clock.instant();
            delegations.revoke(before.id(), actor.userId().value(), now);
            Delegation after = delegations.find(before.id()).orElseThrow();
            auditLog.append(handle, AuditEvent.of(actor, AuditAction.DELEGATION_REVOKED, before.id())
                    .before(state(before)).after(state(after)).build());
            return after;
        });
    }

    /**
     * The delegation under which {@code delegate} may approve for {@code delegator} today, read in the approval's
     * transaction.
     *
     * @throws RuleViolationException when there is none in force
     */
    public Delegation requireActive(Handle handle, UserId delegator, UserId delegate) {
        LocalDate today = LocalDate.now(clock);
        return handle.attach(DelegationDao.class).activeOn(delegator.value(), delegate.value(), today)
                .orElseThrow(() -> new RuleViolationException("no-active-delegation", "user " + delegator
                        + " has no delegation to you in force on " + today));
    }

    /** A finance officer sees the delegations they are party to; another's is "not found". */
    private static Delegation visible(Actor actor, Optional<Delegation> found, String id) {
        return found.filter(delegation -> actor.role() != Role.FINANCE_OFFICER
                        || delegation.delegatorId().equals(actor.userId())
                        || delegation.delegateId().equals(actor.userId()))
                .orElseThrow(() -> new NotFoundException("delegation", id));
    }

    private static Map<String, Object> state(Delegation delegation) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("delegator", delegation.delegatorUsername());
        state.put("delegate", delegation.delegateUsername());
        state.put("from", delegation.from().toString());
        state.put("to", delegation.to().toString());
        state.put("reason", delegation.reason());
        state.put("revoked", delegation.revoked());
        return state;
    }
}
