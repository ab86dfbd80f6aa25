package wales.gov.grants.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;

import static java.util.Objects.requireNonNull;

/** An audit event as stored: what happened, who did it (absent for a failed login) and the state before and after. */
public record RecordedEvent(
        long id,
        Instant occurredAt,
        AuditAction action,
        String objectType,
        String objectId,
        String actorUsername,
        String actorRole,
        Map<String, Object> before,
        Map<String, Object> after,
        Map<String, Object> details) {
    public RecordedEvent {
        requireNonNull(occurredAt, "occurredAt is null");
        requireNonNull(action, "action is null");
        requireNonNull(objectType, "objectType is null");
    }

    /**
     * Details a recipient never reads: an approval's acknowledged double-funding warnings and their reason name
     * (or hint at) another organisation's claim and its evidence.
     */
    public static final Set<String> RESTRICTED_DETAILS = Set.of("acknowledgedWarnings", "acknowledgementReason");

    /** The event as {@code actor} may read it: a recipient's copy lacks the {@link #RESTRICTED_DETAILS}. */
    public RecordedEvent visibleTo(Actor actor) {
        if (actor.role() != Role.RECIPIENT || details == null
                || RESTRICTED_DETAILS.stream().noneMatch(details::containsKey)) {
            return this;
        }
        Map<String, Object> visible = new LinkedHashMap<>(details);
        visible.keySet().removeAll(RESTRICTED_DETAILS);
        return new RecordedEvent(id, occurredAt, action, objectType, objectId, actorUsername, actorRole, before,
                after, visible.isEmpty() ? null : visible);
    }
}
