package wales.gov.grants.audit;

import java.time.Instant;
import java.util.Map;

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
}
