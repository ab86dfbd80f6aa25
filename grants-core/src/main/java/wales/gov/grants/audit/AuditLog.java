package wales.gov.grants.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.jdbi.v3.core.Handle;
import wales.gov.grants.kernel.Actor;

import static java.util.Objects.requireNonNull;

/** Appends audit events in the caller's transaction, so an event exists exactly when its change does. */
public final class AuditLog {
    private final Clock clock;
    /** Built once: a writer is immutable and thread-safe, and spares each event the mapper's per-call setup. */
    private static final ObjectWriter JSON = new ObjectMapper().writer(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public AuditLog(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    public void append(Handle handle, AuditEvent event) {
        Actor actor = event.actor();
        handle.createUpdate(AuditDao.INSERT)
                .bindByType("occurredAt", clock.instant(), Instant.class)
                .bindByType("actorUserId", actor == null ? null : actor.userId().value(), UUID.class)
                .bindByType("actorUsername", actor == null ? null : actor.username(), String.class)
                .bindByType("actorRole", actor == null ? null : actor.role().name(), String.class)
                .bindByType("actorOrganisationId",
                        actor == null ? null : actor.organisation().map(organisation -> organisation.value())
                                .orElse(null), UUID.class)
                .bindByType("action", event.action().name(), String.class)
                .bindByType("objectType", event.objectType(), String.class)
                .bindByType("objectId", event.objectId(), String.class)
                .bindByType("schemeId", event.schemeId() == null ? null : event.schemeId().value(), UUID.class)
                .bindByType("awardId", event.awardId() == null ? null : event.awardId().value(), UUID.class)
                .bindByType("before", toJson(event.before()), String.class)
                .bindByType("after", toJson(event.after()), String.class)
                .bindByType("details", toJson(event.details()), String.class)
                .bindByType("clientAddress", event.clientAddress(), String.class)
                .execute();
    }

    private String toJson(Map<String, ?> state) {
        if (state == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit state is not serialisable", e);
        }
    }
}
