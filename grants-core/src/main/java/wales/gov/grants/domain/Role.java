package wales.gov.grants.domain;

public enum Role {
    ADMIN,
    GRANT_MANAGER,
    FINANCE_OFFICER,
    RECIPIENT,
    AUDITOR
}
