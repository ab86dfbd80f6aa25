package wales.gov.grants.api.resources;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import wales.gov.grants.api.auth.GrantsPrincipal;
import wales.gov.grants.api.representations.OrganisationView;
import wales.gov.grants.api.representations.PageView;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.organisations.OrganisationService;

import static java.util.Objects.requireNonNull;

@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "organisations")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class OrganisationResource {
    private final OrganisationService organisations;

    public OrganisationResource(OrganisationService organisations) {
        this.organisations = requireNonNull(organisations, "organisations is null");
    }

    @GET
    @PermitAll
    @Operation(summary = "List the organisations that receive grants (English and Welsh names)")
    public PageView<OrganisationView> list(@Auth GrantsPrincipal principal, @QueryParam("limit") String limit,
                                           @QueryParam("offset") String offset) {
        return PageView.of(organisations.list(principal.actor(), Page.Request.parse(limit, offset)), OrganisationView::of);
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(summary = "One organisation")
    public OrganisationView get(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return OrganisationView.of(organisations.get(principal.actor(), OrganisationId.fromPath(id)));
    }
}
