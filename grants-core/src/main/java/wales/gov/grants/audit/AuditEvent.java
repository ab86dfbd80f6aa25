package wales.gov.grants.audit;

import java.util.Map;

import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.SchemeId;

import static java.util.Objects.requireNonNull;

/**
 * One line of the audit trail: who (may be absent for a failed login), what, to which object, and the state
 * before and after where it applies.
 */
public record AuditEvent(
        Actor actor,
        AuditAction action,
        String objectId,
        SchemeId schemeId,
        AwardId awardId,
        Map<String, ?> before,
        Map<String, ?> after,
        Map<String, ?> details,
        String clientAddress) {
    public AuditEvent {
        requireNonNull(action, "action is null");
    }

    /** The kind of object the event is about: always the one its action names. */
    public String objectType() {
        return action.objectType();
    }

    public static Builder of(Actor actor, AuditAction action, Object objectId) {
        return new Builder(actor, action, objectId == null ? null : objectId.toString());
    }

    public static final class Builder {
        private final Actor actor;
        private final AuditAction action;
        private final String objectId;
        private SchemeId schemeId;
        private AwardId awardId;
        private Map<String, ?> before;
        private Map<String, ?> after;
        private Map<String, ?> details;
        private String clientAddress;

        private Builder(Actor actor, AuditAction action, String objectId) {
            this.actor = actor;
            this.action = action;
            this.objectId = objectId;
        }

        public Builder scheme(SchemeId value) {
            this.schemeId = value;
            return this;
        }

        public Builder award(AwardId value) {
            this.awardId = value;
            return this;
        }

        public Builder before(Map<String, ?> value) {
            this.before = value;
            return this;
        }

        public Builder after(Map<String, ?> value) {
            this.after = value;
            return this;
        }

        public Builder details(Map<String, ?> value) {
            this.details = value;
            return this;
        }

        public Builder clientAddress(String value) {
            this.clientAddress = value;
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(actor, action, objectId, schemeId, awardId, before, after, details,
                    clientAddress);
        }
    }
}
