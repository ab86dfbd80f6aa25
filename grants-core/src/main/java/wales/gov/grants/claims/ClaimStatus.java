package wales.gov.grants.claims;

public enum ClaimStatus {
    DRAFT,
    SUBMITTED,
    QUERIED,
    APPROVED,
    REJECTED,
    PAID
}
