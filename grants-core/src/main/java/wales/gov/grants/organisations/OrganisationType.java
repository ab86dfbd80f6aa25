package wales.gov.grants.organisations;

public enum OrganisationType {
    LOCAL_AUTHORITY,
    EDUCATION_CONSORTIUM,
    ADOPTION_COLLABORATIVE,
    REGIONAL_PARTNERSHIP_BOARD,
    OTHER
}
