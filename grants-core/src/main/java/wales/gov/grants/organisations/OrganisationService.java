package wales.gov.grants.organisations;

import java.text.Normalizer;
import java.util.List;

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

    /**
     * The organisations that {@code codeOrName} names: its code, or its English or Welsh name exactly, compared after
     * Unicode NFC normalisation (so "ŵ" written as "w" and a combining circumflex matches the single character "ŵ";
     * a plain "w" does not).
     * Usually one; none if nothing matches; more than one if a name is shared.
     */
    public List<Organisation> findByCodeOrName(Actor actor, String codeOrName) {
        requireNonNull(actor, "actor is null");
        String key = Normalizer.normalize(codeOrName.strip(), Normalizer.Form.NFC);
        return jdbi.withExtension(OrganisationDao.class, organisations -> organisations.findByCodeOrName(key));
    }

    public Organisation get(Actor actor, OrganisationId id) {
        requireNonNull(actor, "actor is null");
        return jdbi.withExtension(OrganisationDao.class, organisations -> organisations.find(id.value()))
                .orElseThrow(() -> new NotFoundException("organisation", id.toString()));
    }
}
