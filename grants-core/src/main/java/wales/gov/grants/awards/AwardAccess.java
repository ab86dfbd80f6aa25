package wales.gov.grants.awards;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Handle;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.NotFoundException;

/**
 * Who may see an award, and its row lock. Every feature reaches an award through here: a recipient sees only its
 * own organisation's awards, and another organisation's award is "not found", never "forbidden", so an id reveals
 * nothing. The award's row lock orders every change to the award, its claims and its money.
 */
public final class AwardAccess {
    /** The award if the actor may see it, without its conditions and targets (most callers need neither). */
    public Award visible(Handle handle, Actor actor, AwardId id) {
        return visible(actor, id, handle.attach(AwardDao.class).find(id.value()));
    }

    /** {@link #visible}, holding the award's row lock until the transaction ends. */
    public Award lockVisible(Handle handle, Actor actor, AwardId id) {
        return visible(actor, id, handle.attach(AwardDao.class).findForUpdate(id.value()));
    }

    /** {@link #visible}, with the award's conditions and outcome targets; locked if {@code lock}. */
    public Award visibleWithDetails(Handle handle, Actor actor, AwardId id, boolean lock) {
        Award award = lock ? lockVisible(handle, actor, id) : visible(handle, actor, id);
        return withDetails(handle, List.of(award)).get(0);
    }

    /** Whether the actor may see an award of {@code award}'s organisation; used where the award is already read. */
    public boolean canSee(Actor actor, Award award) {
        return actor.canSee(award.organisationId());
    }

    /** The award as stored now, with its details: for reading back a change the caller has just made. */
    Award reload(Handle handle, AwardId id) {
        return withDetails(handle, List.of(handle.attach(AwardDao.class).find(id.value()).orElseThrow())).get(0);
    }

    List<Award> withDetails(Handle handle, List<Award> rows) {
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

    private static Award visible(Actor actor, AwardId id, Optional<Award> found) {
        return found.filter(award -> actor.canSee(award.organisationId()))
                .orElseThrow(() -> new NotFoundException("award", id.toString()));
    }
}
