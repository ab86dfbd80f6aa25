package wales.gov.grants.packs;

/** The checks an audit pack certifies, in the order the pack lists them. */
public enum CertificationCheck {
    OFFER_ACCEPTED_BEFORE_FIRST_PAYMENT,
    NO_APPROVAL_BY_SUBMITTER_OR_OFFERER,
    DUAL_APPROVAL_WHERE_REQUIRED,
    APPROVED_WITHIN_AWARD,
    PAID_WITHIN_APPROVED,
    EVIDENCE_FOR_EVERY_APPROVED_CLAIM,
    OUTCOME_FOR_EVERY_TARGET,
    RECOVERY_FOR_EVERY_OVERPAYMENT,
    AUDIT_CHAIN_VALID
}
