package wales.gov.grants.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.db.AwardDao;
import wales.gov.grants.db.ClaimDao;
import wales.gov.grants.db.OrganisationDao;
import wales.gov.grants.db.RecoveryDao;
import wales.gov.grants.db.SchemeDao;
import wales.gov.grants.db.TotalsDao;
import wales.gov.grants.domain.Actor;
import wales.gov.grants.domain.Award;
import wales.gov.grants.domain.AwardId;
import wales.gov.grants.domain.AwardStatus;
import wales.gov.grants.domain.AwardTransition;
import wales.gov.grants.domain.Money;
import wales.gov.grants.domain.NotFoundException;
import wales.gov.grants.domain.Organisation;
import wales.gov.grants.domain.OrganisationId;
import wales.gov.grants.domain.OutcomeTarget;
import wales.gov.grants.domain.Page;
import wales.gov.grants.domain.Role;
import wales.gov.grants.domain.Scheme;
import wales.gov.grants.domain.SchemeId;
import wales.gov.grants.domain.ValidationException;
import wales.gov.grants.domain.Validator;

import static java.util.Objects.requireNonNull;

/** Awards and their lifecycle. The budget rule and the state machine are enforced here, under row locks. */
public final class AwardService {
    static final int MAX_CONDITIONS = 100;
    static final int MAX_TARGETS = 50;
    private static final BigDecimal MAX_TARGET = new BigDecimal("99999999999999.99");

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final Clock clock;

    public AwardService(Jdbi jdbi, AuditLog auditLog, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Award create(Actor actor, NewAward request) {
        actor.requireRole(Role.GRANT_MANAGER);
        Validator validator = new Validator();
        Optional<SchemeId> schemeId = SchemeId.parse(request.schemeId());
        validator.check(schemeId.isPresent(), "schemeId", "must be the id of a scheme");
        Optional<OrganisationId> organisationId = OrganisationId.parse(request.organisationId());
        validator.check(organisationId.isPresent(), "organisationId", "must be the id of an organisation");
        Money amount = validator.positiveMoney("amount", request.amount());
        List<String> conditions = conditions(validator, request.conditions());
        List<OutcomeTarget> targets = targets(validator, request.outcomeTargets());
        validator.throwIfInvalid();

        return jdbi.inTransaction(handle -> {
            // Lock the scheme first: concurrent awards under one scheme queue here, so the sum is always current.
            Scheme scheme = handle.attach(SchemeDao.class).findForUpdate(schemeId.get().value())
                    .orElseThrow(() -> ValidationException.of("schemeId", "names no scheme"));
            Organisation organisation = handle.attach(OrganisationDao.class).find(organisationId.get().value())
                    .orElseThrow(() -> ValidationException.of("organisationId", "names no organisation"));
            scheme.checkAwardFits(amount);

            AwardDao awards = handle.attach(AwardDao.class);
            AwardId id = AwardId.random();
            awards.insert(id.value(), scheme.id().value(), organisation.id().value(), amount.pence(),
                    actor.userId().value(), clock.instant());
            for (int position = 0; position < conditions.size(); position++) {
                awards.insertCondition(id.value(), position, conditions.get(position));
            }
            for (int position = 0; position < targets.size(); position++) {
                OutcomeTarget target = targets.get(position);
                awards.insertTarget(id.value(), position, target.measure(), target.description(), target.target());
            }
            handle.attach(SchemeDao.class).addAllocated(scheme.id().value(), amount.pence());

            Award award = load(handle, id).orElseThrow();
            auditLog.append(handle, AuditEvent.of(actor, "AWARD_CREATED", "award", id)
                    .scheme(scheme.id())
                    .award(id)
                    .after(state(award))
                    .build());
            return award;
        });
    }

    public Page<Award> list(Actor actor, AwardFilter filter, Page.Request page) {
        UUID organisation = filter.organisationId();
        if (actor.is(Role.RECIPIENT)) {
            UUID own = actor.organisationId().value();
            if (organisation != null && !organisation.equals(own)) {
                return new Page<>(List.of(), 0, page.limit(), page.offset());
            }
            organisation = own;
        }
        UUID scheme = filter.schemeId();
        UUID organisationFilter = organisation;
        String status = filter.status() == null ? null : filter.status().name();
        return jdbi.inTransaction(handle -> {
            AwardDao awards = handle.attach(AwardDao.class);
            List<Award> rows = awards.page(scheme, organisationFilter, status, page.limit(), page.offset());
            return new Page<>(withDetails(handle, rows), awards.count(scheme, organisationFilter, status),
                    page.limit(), page.offset());
        });
    }

    public Award get(Actor actor, String id) {
        return jdbi.withHandle(handle -> visibleWithDetails(handle, actor, id, false));
    }

    /**
     * Moves an award through its lifecycle. Concurrent transitions of one award queue on its row lock; the
     * loser finds the new status and gets a {@link wales.gov.grants.domain.StateConflictException}.
     */
    public Award transition(Actor actor, String id, AwardTransition transition) {
        actor.requireRole(transition.role());
        return jdbi.inTransaction(handle -> transition(handle, actor, id, transition));
    }

    /**
     * Closes an active award: records its underspend (the award less its eligible spend), raises a recovery for
     * any money paid beyond the eligible spend that no recovery covers yet, and lists the open recoveries. A closed
     * award takes no more claims, approvals or payments.
     */
    public AwardClosure close(Actor actor, String id) {
        actor.requireRole(AwardTransition.CLOSE.role());
        return jdbi.inTransaction(handle -> {
            Award closed = transition(handle, actor, id, AwardTransition.CLOSE);
            return new AwardClosure(closed, RecoveryService.openForAward(handle, closed.id()),
                    handle.attach(ClaimDao.class).unfinished(closed.id().value()));
        });
    }

    private Award transition(Handle handle, Actor actor, String id, AwardTransition transition) {
        Award before = visible(handle, actor, id, true);
        AwardStatus target = transition.apply(actor, before.status());
        AwardDao awards = handle.attach(AwardDao.class);
        Instant now = clock.instant();
        UUID by = actor.userId().value();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", target.name());
        switch (transition) {
            case OFFER -> awards.markOffered(before.id().value(), by, now);
            case ACCEPT -> awards.markAccepted(before.id().value(), by, now);
            case WITHDRAW -> {
                awards.markWithdrawn(before.id().value(), by, now);
                // a withdrawn award gives its money back to the scheme's unallocated budget
                handle.attach(SchemeDao.class).addAllocated(before.schemeId().value(), -before.amount().pence());
            }
            case CLOSE -> {
                awards.markClosed(before.id().value(), by, now);
                Money underspend = before.amount().minus(before.approved());
                handle.attach(TotalsDao.class).recordUnderspend(before.id().value(), underspend.pence());
                Money uncovered = before.paid().minusOrZero(before.approved()).minusOrZero(
                        Money.ofPence(handle.attach(RecoveryDao.class).raisedForAward(before.id().value())));
                if (!uncovered.isZero()) {
                    RecoveryService.raise(handle, auditLog, actor, before, null, uncovered,
                            "Paid beyond the eligible spend at close", now);
                }
                after.put("eligibleSpend", before.approved().toDecimalString());
                after.put("underspend", underspend.toDecimalString());
                after.put("paid", before.paid().toDecimalString());
                after.put("recovered", before.recovered().toDecimalString());
            }
        }
        Award changed = load(handle, before.id()).orElseThrow();
        auditLog.append(handle, AuditEvent.of(actor, "AWARD_" + transition.pastTense().toUpperCase(), "award",
                        before.id())
                .scheme(before.schemeId())
                .award(before.id())
                .before(Map.of("status", before.status().name()))
                .after(after)
                .build());
        return changed;
    }

    /**
     * The award row if the actor may see it; another organisation's award is "not found", never "forbidden".
     * With {@code lock}, the row stays locked until the transaction ends. Its conditions and outcome targets are
     * not loaded (empty): most callers only need its status, amounts and owner; see {@link #visibleWithDetails}.
     */
    public static Award visible(Handle handle, Actor actor, String id, boolean lock) {
        AwardDao awards = handle.attach(AwardDao.class);
        return AwardId.parse(id)
                .flatMap(awardId -> lock ? awards.findForUpdate(awardId.value()) : awards.find(awardId.value()))
                .filter(award -> actor.canSee(award.organisationId()))
                .orElseThrow(() -> new NotFoundException("award", id));
    }

    /** {@link #visible}, with the award's conditions and outcome targets. */
    public static Award visibleWithDetails(Handle handle, Actor actor, String id, boolean lock) {
        return withDetails(handle, List.of(visible(handle, actor, id, lock))).get(0);
    }

    private static Optional<Award> load(Handle handle, AwardId id) {
        return handle.attach(AwardDao.class).find(id.value())
                .map(award -> withDetails(handle, List.of(award)).get(0));
    }

    private static List<Award> withDetails(Handle handle, List<Award> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        AwardDao awards = handle.attach(AwardDao.class);
        UUID[] ids = rows.stream().map(award -> award.id().value()).toArray(UUID[]::new);
        Map<UUID, List<String>> conditions = awards.conditions(ids).stream().collect(Collectors.groupingBy(
                AwardDao.ConditionRow::awardId, Collectors.mapping(AwardDao.ConditionRow::text, Collectors.toList())));
        Map<UUID, List<OutcomeTarget>> targets = awards.targets(ids).stream().collect(Collectors.groupingBy(
                AwardDao.TargetRow::awardId, Collectors.mapping(
                        row -> new OutcomeTarget(row.measure(), row.description(), row.target()),
                        Collectors.toList())));
        return rows.stream()
                .map(award -> award.withConditionsAndTargets(
                        conditions.getOrDefault(award.id().value(), List.of()),
                        targets.getOrDefault(award.id().value(), List.of())))
                .toList();
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
    public record AwardFilter(UUID schemeId, UUID organisationId, AwardStatus status) {
        public static AwardFilter parse(String schemeId, String organisationId, String status) {
            Validator validator = new Validator();
            SchemeId scheme = validator.optional("schemeId", schemeId, SchemeId::parse, "the id of a scheme");
            OrganisationId organisation = validator.optional("organisationId", organisationId, OrganisationId::parse,
                    "the id of an organisation");
            AwardStatus parsedStatus = validator.optionalEnum("status", status, AwardStatus.class);
            validator.throwIfInvalid();
            return new AwardFilter(scheme == null ? null : scheme.value(),
                    organisation == null ? null : organisation.value(), parsedStatus);
        }
    }
}
