package wales.gov.grants.audit;

import java.util.Map;

import wales.gov.grants.domain.Actor;
import wales.gov.grants.domain.AwardId;
import wales.gov.grants.domain.SchemeId;

import static java.util.Objects.requireNonNull;

/**
 * One line of the audit trail: who (may be absent for a failed login), what, to which object, and the state
 * before and after where it applies.
 */
public record AuditEvent(
        Actor actor,
        String action,
        String objectType,
        String objectId,
        SchemeId schemeId,
        AwardId awardId,
        Map<String, ?> before,
        Map<String, ?> after,
        Map<String, ?> details,
        String clientAddress) {
    public AuditEvent {
        requireNonNull(action, "action is null");
        requireNonNull(objectType, "objectType is null");
    }

    public static Builder of(Actor actor, String action, String objectType, Object objectId) {
        return new Builder(actor, action, objectType, objectId == null ? null : objectId.toString());
    }

    public static final class Builder {
        private final Actor actor;
        private final String action;
        private final String objectType;
        private final String objectId;
        private SchemeId schemeId;
        private AwardId awardId;
        private Map<String, ?> before;
        private Map<String, ?> after;
        private Map<String, ?> details;
        private String clientAddress;

        private Builder(Actor actor, String action, String objectType, String objectId) {
            this.actor = actor;
            this.action = action;
            this.objectType = objectType;
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
            return new AuditEvent(actor, action, objectType, objectId, schemeId, awardId, before, after, details,
                    clientAddress);
        }
    }
}
