package wales.gov.grants.api.representations;

import java.util.Map;

import wales.gov.grants.audit.RecordedEvent;

/** One audit event: when, what, who (with their role) and the state before and after. */
public record AuditEventView(long eventId, String at, String action, String objectType, String objectId, String by,
                             String role, Map<String, Object> before, Map<String, Object> after,
                             Map<String, Object> details) {
    public static AuditEventView of(RecordedEvent event) {
        return new AuditEventView(event.id(), event.occurredAt().toString(), event.action().name(),
                event.objectType(),
                event.objectId(), event.actorUsername(), event.actorRole(), event.before(), event.after(),
                event.details());
    }
}
