package wales.gov.grants.api.representations;

import wales.gov.grants.organisations.Organisation;

public record OrganisationView(String id, String code, String nameEn, String nameCy, String type) {
    public static OrganisationView of(Organisation organisation) {
        return new OrganisationView(organisation.id().toString(), organisation.code(), organisation.nameEn(),
                organisation.nameCy(), organisation.type().name());
    }
}
