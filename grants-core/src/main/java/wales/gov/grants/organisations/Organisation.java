package wales.gov.grants.organisations;

import wales.gov.grants.kernel.OrganisationId;

import static java.util.Objects.requireNonNull;

public record Organisation(OrganisationId id, String code, String nameEn, String nameCy, OrganisationType type) {
    public Organisation {
        requireNonNull(id, "id is null");
        requireNonNull(code, "code is null");
        requireNonNull(nameEn, "nameEn is null");
        requireNonNull(nameCy, "nameCy is null");
        requireNonNull(type, "type is null");
    }
}
