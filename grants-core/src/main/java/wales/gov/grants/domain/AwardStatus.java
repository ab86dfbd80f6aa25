package wales.gov.grants.domain;

public enum AwardStatus {
    DRAFT,
    OFFERED,
    ACTIVE,
    CLOSED,
    WITHDRAWN
}
