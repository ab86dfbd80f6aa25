package wales.gov.grants.organisations;

/**
 * A change of an organisation's names, English, Welsh or both: a name left null is kept. Its code and type are
 * what awards, imports and exports identify it by, so they never change.
 */
public record OrganisationNames(String nameEn, String nameCy) {
}
