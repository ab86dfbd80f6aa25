package wales.gov.grants.awards;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.BudgetExceededException;
import wales.gov.grants.kernel.FinancialYear;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.kernel.Validator;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.organisations.OrganisationDao;
import wales.gov.grants.recoveries.Ledger;
import wales.gov.grants.recoveries.TotalsDao;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.schemes.SchemeDao;

import static java.util.Objects.requireNonNull;

/** Awards and their lifecycle. The budget rule and the state machine are enforced here, under row locks. */
public final class AwardService {
    static final int MAX_CONDITIONS = 100;
    static final int MAX_TARGETS = 50;
    private static final BigDecimal MAX_TARGET = new BigDecimal("99999999999999.99");

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final AwardAccess access;
    private final Ledger ledger;
    private final Clock clock;

    public AwardService(Jdbi jdbi, AuditLog auditLog, AwardAccess access, Ledger ledger, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.access = requireNonNull(access, "access is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Who may draft an award: a grant manager. A page asks before it shows the form. */
    public static void requireCreator(Actor actor) {
        actor.requireRole(Role.GRANT_MANAGER);
    }

    public Award create(Actor actor, NewAward request) {
        requireCreator(actor);
        Validator validator = new Validator();
        Entry entry = entry(validator, request);
        validator.throwIfInvalid();
        requireNonNull(entry, "entry is null");

        return jdbi.inTransaction(handle -> {
            // Lock the scheme first: concurrent awards under one scheme queue here, so the sum is always current.
            Scheme scheme = handle.attach(SchemeDao.class).findForUpdate(entry.schemeId().value())
                    .orElseThrow(() -> ValidationException.of("schemeId", "names no scheme"));
            Organisation organisation = handle.attach(OrganisationDao.class).find(entry.organisationId().value())
                    .orElseThrow(() -> ValidationException.of("organisationId", "names no organisation"));
            scheme.checkAwardFits(entry.amount());
            return insert(handle, actor, scheme, organisation, entry, null);
        });
    }

    /**
     * Checks a bulk allocation without changing anything: every entry as {@link #create} checks it, plus the rules
     * of {@link #createAll}. Empty when {@link #createAll} would create them all (unless the database changes first).
     */
    public List<EntryProblem> checkAll(Actor actor, List<NewAward> requests) {
        actor.requireRole(Role.GRANT_MANAGER);
        List<Parsed> parsed = parseAll(requests);
        return jdbi.inTransaction(handle -> check(handle, parsed, false));
    }

    /**
     * Creates every award of a bulk allocation in one transaction, or none. Each entry is checked as {@link #create}
     * checks it, and the budget rule holds for the entries together: in list order, each must fit in its scheme's
     * budget after the awards already made and the entries before it. A bulk allocation gives an organisation at
     * most one award per scheme: an entry is refused if its scheme already has an award to that organisation (in any
     * status but WITHDRAWN) or if it repeats an earlier entry's scheme and organisation, so running the same
     * allocation twice creates nothing the second time. Every award is audited as {@code actor}, with
     * {@code details} (where the allocation came from) on each event.
     *
     * @throws AwardsRefusedException naming every entry that breaks a rule; nothing is created
     */
    public List<Award> createAll(Actor actor, List<NewAward> requests, Map<String, ?> details) {
        actor.requireRole(Role.GRANT_MANAGER);
        requireNonNull(details, "details is null");
        List<Parsed> parsed = parseAll(requests);
        return jdbi.inTransaction(handle -> {
            List<EntryProblem> problems = check(handle, parsed, true);
            if (!problems.isEmpty()) {
                throw new AwardsRefusedException(problems);
            }
            SchemeDao schemes = handle.attach(SchemeDao.class);
            OrganisationDao organisations = handle.attach(OrganisationDao.class);
            List<Award> created = new ArrayList<>();
            for (Parsed request : parsed) {
                Entry entry = request.entry();
                // Locked by check(); read again for the running total the entries before this one left
                Scheme scheme = schemes.findForUpdate(entry.schemeId().value()).orElseThrow();
                scheme.checkAwardFits(entry.amount());
                Organisation organisation = organisations.find(entry.organisationId().value()).orElseThrow();
                created.add(insert(handle, actor, scheme, organisation, entry, details));
            }
            return created;
        });
    }

    /**
     * An entry of a bulk allocation that breaks a rule: its index in the list, the field of it, and why;
     * {@code repeats} is the index of the earlier entry with the same scheme and organisation, or null.
     */
    public record EntryProblem(int entry, String field, String message, Integer repeats) {
        public EntryProblem {
            requireNonNull(field, "field is null");
            requireNonNull(message, "message is null");
        }
    }

    /** A request's own checks: its entry when valid (null otherwise) and its field errors. */
    private record Parsed(int index, Entry entry, List<ValidationException.FieldError> errors) {
    }

    /** A request that passed its own checks: the ids parsed, the amount and texts valid. */
    private record Entry(SchemeId schemeId, OrganisationId organisationId, Money amount, List<String> conditions,
                         List<OutcomeTarget> targets) {
    }

    private static List<Parsed> parseAll(List<NewAward> requests) {
        List<Parsed> parsed = new ArrayList<>();
        for (int index = 0; index < requests.size(); index++) {
            Validator validator = new Validator();
            NewAward request = requests.get(index);
            Entry entry = request == null ? null : entry(validator, request);
            if (request == null) {
                validator.reject("award", "is required");
            }
            parsed.add(new Parsed(index, validator.hasErrors() ? null : entry, validator.errors()));
        }
        return parsed;
    }

    private static Entry entry(Validator validator, NewAward request) {
        Optional<SchemeId> schemeId = SchemeId.parse(request.schemeId());
        validator.check(schemeId.isPresent(), "schemeId", "must be the id of a scheme");
        Optional<OrganisationId> organisationId = OrganisationId.parse(request.organisationId());
        validator.check(organisationId.isPresent(), "organisationId", "must be the id of an organisation");
        Money amount = validator.positiveMoney("amount", request.amount());
        List<String> conditions = conditions(validator, request.conditions());
        List<OutcomeTarget> targets = targets(validator, request.outcomeTargets());
        return validator.hasErrors() ? null
                : new Entry(schemeId.get(), organisationId.get(), amount, conditions, targets);
    }

    /**
     * The rules of a bulk allocation over every entry, in list order. With {@code lock} the schemes stay locked
     * until the transaction ends, taken in id order so that two allocations over the same schemes cannot deadlock.
     */
    private static List<EntryProblem> check(Handle handle, List<Parsed> parsed, boolean lock) {
        List<EntryProblem> problems = new ArrayList<>();
        List<Parsed> valid = new ArrayList<>();
        for (Parsed request : parsed) {
            request.errors().forEach(error -> problems.add(
                    new EntryProblem(request.index(), error.field(), error.message(), null)));
            if (request.entry() != null) {
                valid.add(request);
            }
        }
        SchemeDao schemeDao = handle.attach(SchemeDao.class);
        Map<UUID, Scheme> schemes = new HashMap<>();
        for (UUID id : new TreeSet<>(valid.stream().map(request -> request.entry().schemeId().value()).toList())) {
            (lock ? schemeDao.findForUpdate(id) : schemeDao.find(id)).ifPresent(scheme -> schemes.put(id, scheme));
        }
        OrganisationDao organisationDao = handle.attach(OrganisationDao.class);
        Map<UUID, Organisation> organisations = new HashMap<>();
        valid.stream().map(request -> request.entry().organisationId().value()).distinct().forEach(id ->
                organisationDao.find(id).ifPresent(organisation -> organisations.put(id, organisation)));
        Set<AwardDao.SchemeOrganisation> existing = new HashSet<>(handle.attach(AwardDao.class)
                .liveRecipients(schemes.keySet().toArray(UUID[]::new)));

        Map<AwardDao.SchemeOrganisation, Integer> firstEntry = new HashMap<>();
        Map<UUID, Money> pending = new HashMap<>();
        for (Parsed request : valid) {
            Entry entry = request.entry();
            Scheme scheme = schemes.get(entry.schemeId().value());
            Organisation organisation = organisations.get(entry.organisationId().value());
            if (scheme == null || organisation == null) {
                if (scheme == null) {
                    problems.add(new EntryProblem(request.index(), "schemeId", "names no scheme", null));
                }
                if (organisation == null) {
                    problems.add(new EntryProblem(request.index(), "organisationId", "names no organisation", null));
                }
                continue;
            }
            AwardDao.SchemeOrganisation pair = new AwardDao.SchemeOrganisation(scheme.id().value(),
                    organisation.id().value());
            if (existing.contains(pair)) {
                problems.add(new EntryProblem(request.index(), "organisationId", organisation.code()
                        + " already has an award under " + scheme.code() + " " + scheme.financialYear()
                        + " (a bulk allocation makes at most one per scheme and organisation)", null));
                continue;
            }
            Integer earlier = firstEntry.putIfAbsent(pair, request.index());
            if (earlier != null) {
                problems.add(new EntryProblem(request.index(), "organisationId", "repeats the scheme and "
                        + "organisation of an earlier entry (a bulk allocation makes at most one award per scheme "
                        + "and organisation)", earlier));
                continue;
            }
            Money before = pending.getOrDefault(scheme.id().value(), Money.ZERO);
            try {
                scheme.checkAwardFits(before.plus(entry.amount()));
                pending.put(scheme.id().value(), before.plus(entry.amount()));
            } catch (BudgetExceededException e) {
                problems.add(new EntryProblem(request.index(), "amount", e.getMessage() + " ("
                        + scheme.unallocated() + " was unallocated, " + before
                        + " of it taken by the entries before this one)", null));
            }
        }
        problems.sort(Comparator.comparingInt(EntryProblem::entry));
        return problems;
    }

    private Award insert(Handle handle, Actor actor, Scheme scheme, Organisation organisation, Entry entry,
                         Map<String, ?> details) {
        AwardDao awards = handle.attach(AwardDao.class);
        AwardId id = AwardId.random();
        awards.insert(id.value(), scheme.id().value(), organisation.id().value(), entry.amount().pence(),
                actor.userId().value(), clock.instant());
        for (int position = 0; position < entry.conditions().size(); position++) {
            awards.insertCondition(id.value(), position, entry.conditions().get(position));
        }
        for (int position = 0; position < entry.targets().size(); position++) {
            OutcomeTarget target = entry.targets().get(position);
            awards.insertTarget(id.value(), position, target.measure(), target.description(), target.target());
        }
        ledger.allocated(handle.attach(TotalsDao.class), scheme.id(), entry.amount());

        Award award = access.reload(handle, id);
        AuditEvent.Builder event = AuditEvent.of(actor, AuditAction.AWARD_CREATED, id)
                .scheme(scheme.id())
                .award(id)
                .after(state(award));
        if (details != null && !details.isEmpty()) {
            event.details(details);
        }
        auditLog.append(handle, event.build());
        return award;
    }

    public Page<Award> list(Actor actor, AwardFilter filter, Page.Request page) {
        Actor.ListScope scope = actor.scope(filter.organisationId());
        if (scope.empty()) {
            return new Page<>(List.of(), 0, page.limit(), page.offset());
        }
        UUID scheme = filter.schemeId() == null ? null : filter.schemeId().value();
        UUID organisation = scope.organisation() == null ? null : scope.organisation().value();
        String status = filter.status() == null ? null : filter.status().name();
        return jdbi.inTransaction(handle -> {
            AwardDao awards = handle.attach(AwardDao.class);
            List<Award> rows = awards.page(scheme, organisation, status, page.limit(), page.offset());
            return new Page<>(access.withDetails(handle, rows), awards.count(scheme, organisation, status),
                    page.limit(), page.offset());
        });
    }

    public Award get(Actor actor, AwardId id) {
        return jdbi.withHandle(handle -> access.visibleWithDetails(handle, actor, id, false));
    }

    /**
     * Moves an award through its lifecycle. Concurrent transitions of one award queue on its row lock; the
     * loser finds the new status and gets a {@link wales.gov.grants.domain.StateConflictException}.
     */
    public Award transition(Actor actor, AwardId id, AwardTransition transition) {
        transition.requireRole(actor);
        return jdbi.inTransaction(handle -> transition(handle, actor, id, transition));
    }

    /**
     * Closes an active award: records its underspend (the award less its eligible spend), raises a recovery for
     * any money paid beyond the eligible spend that no recovery covers yet, and lists the open recoveries. A closed
     * award takes no more claims, approvals or payments; its unfinished claims stay as they are.
     */
    public AwardClosure close(Actor actor, AwardId id) {
        return close(actor, id, IfClaimsUnfinished.CLOSE);
    }

    /** What a close does when the award has {@link UnfinishedClaims}. */
    public enum IfClaimsUnfinished {
        /** Closes it anyway, as {@code POST /awards/{id}/close} does: those claims can no longer be decided or paid. */
        CLOSE,
        /** Leaves it open with an {@link UnfinishedClaimsException}, checked under the award's lock. */
        KEEP_OPEN
    }

    /** {@link #close(Actor, AwardId)}, keeping the award open when {@code ifUnfinished} says so. */
    public AwardClosure close(Actor actor, AwardId id, IfClaimsUnfinished ifUnfinished) {
        AwardTransition.CLOSE.requireRole(actor);
        return jdbi.inTransaction(handle -> {
            Award before = access.lockVisible(handle, actor, id);
            UnfinishedClaims unfinished = handle.attach(AwardDao.class).unfinished(before.id().value());
            if (ifUnfinished == IfClaimsUnfinished.KEEP_OPEN && unfinished.any()
                    && AwardTransition.CLOSE.allowedFrom(before.status())) {
                throw new UnfinishedClaimsException(before, unfinished);
            }
            Moved closed = move(handle, actor, before, AwardTransition.CLOSE);
            return new AwardClosure(closed.award(), closed.closing().recoveryRaised(),
                    ledger.openRecoveries(handle, closed.award().id()), unfinished.total());
        });
    }

    /**
     * What {@link #close} would record now, by the same rule, changing nothing: for a dry run.
     *
     * @throws wales.gov.grants.kernel.StateConflictException if the award could not be closed
     */
    public ClosePreview previewClose(Actor actor, AwardId id) {
        AwardTransition.CLOSE.requireRole(actor);
        return jdbi.inTransaction(handle -> {
            Award award = access.visible(handle, actor, id);
            AwardTransition.CLOSE.apply(actor, award.status());
            Ledger.Closing closing = ledger.closing(handle, award.account());
            return new ClosePreview(award, closing.underspend(), closing.recoveryRaised(),
                    ledger.openRecoveries(handle, award.id()),
                    handle.attach(AwardDao.class).unfinished(award.id().value()));
        });
    }

    /** Every award of the schemes of {@code year}, in every status (a recipient's: its own), by scheme code. */
    public List<Award> ofFinancialYear(Actor actor, FinancialYear year) {
        Actor.ListScope scope = actor.scope(null);
        UUID organisation = scope.organisation() == null ? null : scope.organisation().value();
        return jdbi.withHandle(handle -> handle.attach(AwardDao.class).ofFinancialYear(year.toString(), organisation));
    }

    private Award transition(Handle handle, Actor actor, AwardId id, AwardTransition transition) {
        return move(handle, actor, access.lockVisible(handle, actor, id), transition).award();
    }

    /** An award after a transition, and for a close what the ledger recorded. */
    private record Moved(Award award, Ledger.Closing closing) {
    }

    /** Makes the transition of {@code before}, which the caller has locked. */
    private Moved move(Handle handle, Actor actor, Award before, AwardTransition transition) {
        AwardStatus target = transition.apply(actor, before.status());
        AwardDao awards = handle.attach(AwardDao.class);
        Instant now = clock.instant();
        UUID by = actor.userId().value();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", target.name());
        Ledger.Closing closing = null;
        switch (transition) {
            case OFFER -> awards.markOffered(before.id().value(), target, by, now);
            case ACCEPT -> awards.markAccepted(before.id().value(), target, by, now);
            case WITHDRAW -> {
                awards.markWithdrawn(before.id().value(), target, by, now);
                ledger.released(handle.attach(TotalsDao.class), before.schemeId(), before.amount());
            }
            case CLOSE -> {
                awards.markClosed(before.id().value(), target, by, now);
                closing = ledger.close(handle, actor, before.account());
                after.put("eligibleSpend", before.approved().toDecimalString());
                after.put("underspend", closing.underspend().toDecimalString());
                after.put("paid", before.paid().toDecimalString());
                after.put("recovered", before.recovered().toDecimalString());
            }
        }
        Award changed = access.reload(handle, before.id());
        auditLog.append(handle, AuditEvent.of(actor, transition.action(), before.id())
                .scheme(before.schemeId())
                .award(before.id())
                .before(Map.of("status", before.status().name()))
                .after(after)
                .build());
        return new Moved(changed, closing);
    }

    private static List<String> conditions(Validator validator, List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        validator.check(requested.size() <= MAX_CONDITIONS, "conditions", "must have at most " + MAX_CONDITIONS + " entries");
        List<String> conditions = new ArrayList<>();
        for (int index = 0; index < Math.min(requested.size(), MAX_CONDITIONS); index++) {
            String text = validator.text("conditions[" + index + "]", requested.get(index), 2000);
            if (text != null) {
                conditions.add(text);
            }
        }
        return conditions;
    }

    private static List<OutcomeTarget> targets(Validator validator, List<NewAward.NewOutcomeTarget> requested) {
        if (requested == null) {
            return List.of();
        }
        validator.check(requested.size() <= MAX_TARGETS, "outcomeTargets", "must have at most " + MAX_TARGETS + " entries");
        List<OutcomeTarget> targets = new ArrayList<>();
        Set<String> measures = new HashSet<>();
        for (int index = 0; index < Math.min(requested.size(), MAX_TARGETS); index++) {
            String field = "outcomeTargets[" + index + "]";
            NewAward.NewOutcomeTarget target = requested.get(index);
            if (target == null) {
                validator.reject(field, "is required");
                continue;
            }
            String measure = validator.text(field + ".measure", target.measure(), 64);
            if (measure != null) {
                validator.check(measure.matches("^[a-z0-9][a-z0-9_-]{0,63}$"), field + ".measure",
                        "must be lower-case letters, digits, '-' or '_', such as \"care-leavers-supported\"");
                validator.check(measures.add(measure), field + ".measure", "repeats another target's measure");
            }
            String description = validator.text(field + ".description", target.description(), 1000);
            BigDecimal value = validator.required(field + ".target", target.target());
            if (value != null) {
                validator.check(value.signum() >= 0, field + ".target", "must not be negative");
                validator.check(value.stripTrailingZeros().scale() <= 2, field + ".target",
                        "must have at most two decimal places");
                validator.check(value.compareTo(MAX_TARGET) <= 0, field + ".target", "is too large");
            }
            if (measure != null && description != null && value != null) {
                targets.add(new OutcomeTarget(measure, description, value));
            }
        }
        return targets;
    }

    static Map<String, Object> state(Award award) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("schemeId", award.schemeId().toString());
        state.put("organisationId", award.organisationId().toString());
        state.put("amount", award.amount().toDecimalString());
        state.put("status", award.status().name());
        state.put("conditions", award.conditions());
        state.put("outcomeTargets", award.outcomeTargets().stream()
                .map(target -> Map.of("measure", target.measure(), "description", target.description(),
                        "target", target.target().toPlainString()))
                .toList());
        return state;
    }

    /** Optional filters of the award list; a recipient's list is always limited to its own organisation. */
    public record AwardFilter(SchemeId schemeId, OrganisationId organisationId, AwardStatus status) {
        public static AwardFilter parse(String schemeId, String organisationId, String status) {
            Validator validator = new Validator();
            SchemeId scheme = validator.optional("schemeId", schemeId, SchemeId::parse, "the id of a scheme");
            OrganisationId organisation = validator.optional("organisationId", organisationId, OrganisationId::parse,
                    "the id of an organisation");
            AwardStatus parsedStatus = validator.optionalEnum("status", status, AwardStatus.class);
            validator.throwIfInvalid();
            return new AwardFilter(scheme, organisation, parsedStatus);
        }
    }
}
