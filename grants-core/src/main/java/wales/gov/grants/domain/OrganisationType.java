package wales.gov.grants.domain;

public enum OrganisationType {
    LOCAL_AUTHORITY,
    EDUCATION_CONSORTIUM,
    ADOPTION_COLLABORATIVE,
    REGIONAL_PARTNERSHIP_BOARD,
    OTHER
}
