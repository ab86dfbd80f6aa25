package wales.gov.grants.kernel;

public enum Role {
    ADMIN,
    GRANT_MANAGER,
    FINANCE_OFFICER,
    RECIPIENT,
    AUDITOR
}
