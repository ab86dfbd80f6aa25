package wales.gov.grants.organisations;

/** An administrator's request for an organisation, as received: checked by {@link OrganisationService}. */
public record NewOrganisation(String code, String nameEn, String nameCy, String type) {
}
