package wales.gov.grants.domain;

public enum ClaimStatus {
    DRAFT,
    SUBMITTED,
    QUERIED,
    APPROVED,
    REJECTED,
    PAID
}
