package wales.gov.grants.audit;

import static java.util.Objects.requireNonNull;

/**
 * Every kind of event the audit trail records, each with the kind of object it is about. Stored by name: a name,
 * once used, is never changed or reused, because the trail, its hashes and the audit packs read it back.
 */
public enum AuditAction {
    SCHEME_CREATED("scheme"),

    AWARD_CREATED("award"),
    AWARD_OFFERED("award"),
    AWARD_ACCEPTED("award"),
    AWARD_WITHDRAWN("award"),
    AWARD_CLOSED("award"),

    CLAIM_CREATED("claim"),
    CLAIM_SUBMITTED("claim"),
    /** The first of the two approvals a claim at or above its scheme's threshold needs: it stays SUBMITTED. */
    CLAIM_FIRST_APPROVAL("claim"),
    CLAIM_APPROVED("claim"),
    CLAIM_REJECTED("claim"),
    CLAIM_QUERIED("claim"),
    CLAIM_ADJUSTED("claim"),
    PAYMENT_RECORDED("payment"),

    RECOVERY_RAISED("recovery"),
    RECOVERY_RECEIPT_RECORDED("recovery"),

    EVIDENCE_UPLOADED("evidence"),
    EVIDENCE_SUPERSEDED("evidence"),
    EVIDENCE_REMOVED("evidence"),
    EVIDENCE_DOWNLOADED("evidence"),

    OUTCOME_REPORTED("outcome-report"),

    /** An award's audit pack was taken away: recorded in the chain not tied to an award, so the next pack is the same. */
    AUDIT_PACK_DOWNLOADED("award"),
    SCHEME_AUDIT_PACK_DOWNLOADED("scheme"),

    USER_CREATED("user"),
    /** Disabled by an administrator; its live tokens were revoked with it. */
    USER_DISABLED("user"),
    USER_ENABLED("user"),
    /** An administrator lifted the sign-in throttle of the user's username. */
    USER_UNLOCKED("user"),
    /** The user changed its own password; its other tokens were revoked. */
    PASSWORD_CHANGED("user"),
    TOKEN_ISSUED("user"),
    /** One of the user's tokens was revoked, by the user (or its signing out) or by an administrator. */
    TOKEN_REVOKED("user"),
    /** The user signed in to the web pages: a session began (its id is never recorded). */
    SESSION_STARTED("user"),
    /** The user signed out of the web pages, or signed in again in the same browser, ending the session. */
    SESSION_ENDED("user"),
    LOGIN_FAILED("user"),
    /** The first sign-in refused by the throttle in a burst; the attempts that follow are counted, not each audited. */
    LOGIN_THROTTLED("user"),

    ORGANISATION_CREATED("organisation"),
    /** Its English or Welsh name (or both) changed; code and type never change. */
    ORGANISATION_RENAMED("organisation"),

    /** A DRAFT or QUERIED claim's period and lines changed by its organisation before it is submitted. */
    CLAIM_AMENDED("claim"),
    /** An auditor drew a monetary-unit sample of a scheme's approved claim lines. */
    SAMPLE_DRAWN("sample"),
    /** A sample's pack was taken away: recorded in the chain not tied to an award, so the next pack is the same. */
    SAMPLE_PACK_DOWNLOADED("sample"),
    /** A finance officer lent their approval authority to another for a period. */
    DELEGATION_CREATED("delegation"),
    /** A delegation was ended early by its delegator, a grant manager or an administrator. */
    DELEGATION_REVOKED("delegation");

    private final String objectType;

    AuditAction(String objectType) {
        this.objectType = requireNonNull(objectType, "objectType is null");
    }

    /** The kind of object an event of this action is about, as stored in {@code audit_events.object_type}. */
    public String objectType() {
        return objectType;
    }
}
