package wales.gov.grants.awards;

public enum AwardStatus {
    DRAFT,
    OFFERED,
    ACTIVE,
    CLOSED,
    WITHDRAWN
}
