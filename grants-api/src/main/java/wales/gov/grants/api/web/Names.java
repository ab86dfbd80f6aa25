package wales.gov.grants.api.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import wales.gov.grants.awards.Award;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.organisations.OrganisationService;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.schemes.SchemeService;

/** Schemes and organisations of one page, each read once (through the services, so as the actor may see them). */
final class Names {
    private final Actor actor;
    private final SchemeService schemes;
    private final OrganisationService organisations;
    private final Map<SchemeId, Scheme> schemesById = new HashMap<>();
    private final Map<OrganisationId, Organisation> organisationsById = new HashMap<>();

    Names(Actor actor, SchemeService schemes, OrganisationService organisations) {
        this.actor = actor;
        this.schemes = schemes;
        this.organisations = organisations;
    }

    /** Names already read (e.g. for a page's filters), so rows naming them need no read of their own. */
    Names knowing(List<Scheme> knownSchemes, List<Organisation> knownOrganisations) {
        knownSchemes.forEach(scheme -> schemesById.put(scheme.id(), scheme));
        knownOrganisations.forEach(organisation -> organisationsById.put(organisation.id(), organisation));
        return this;
    }

    Scheme scheme(SchemeId id) {
        return schemesById.computeIfAbsent(id, key -> schemes.get(actor, key));
    }

    Organisation organisation(OrganisationId id) {
        return organisationsById.computeIfAbsent(id, key -> organisations.get(actor, key));
    }

    Scheme scheme(Award award) {
        return scheme(award.schemeId());
    }

    Organisation organisation(Award award) {
        return organisation(award.organisationId());
    }
}
