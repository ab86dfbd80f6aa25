package wales.gov.grants.organisations;

import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.Page;

import static java.util.Objects.requireNonNull;

/** The register of organisations that receive grants; names and codes are public, so every user may read it. */
public final class OrganisationService {
    private final Jdbi jdbi;

    public OrganisationService(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    public Page<Organisation> list(Actor actor, Page.Request page) {
        requireNonNull(actor, "actor is null");
        return jdbi.withExtension(OrganisationDao.class, organisations -> new Page<>(
                organisations.page(page.limit(), page.offset()), organisations.count(), page.limit(), page.offset()));
    }

    public Organisation get(Actor actor, OrganisationId id) {
        requireNonNull(actor, "actor is null");
        return jdbi.withExtension(OrganisationDao.class, organisations -> organisations.find(id.value()))
                .orElseThrow(() -> new NotFoundException("organisation", id.toString()));
    }
}
