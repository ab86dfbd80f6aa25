package wales.gov.grants.api.resources;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import wales.gov.grants.api.auth.GrantsPrincipal;
import wales.gov.grants.api.representations.DelegationView;
import wales.gov.grants.api.representations.PageView;
import wales.gov.grants.delegations.DelegationService;
import wales.gov.grants.delegations.NewDelegation;
import wales.gov.grants.kernel.Page;

import static java.util.Objects.requireNonNull;

/**
 * Finance officers' delegations of their approval authority. An approval uses one by naming the delegator in
 * {@code onBehalfOf} of its body; the rules live in the delegation and claim services.
 */
@Path("/api/v1/delegations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "delegations")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class DelegationResource {
    private final DelegationService delegations;
    private final IdempotentCreations creations;

    public DelegationResource(DelegationService delegations, IdempotentCreations creations) {
        this.delegations = requireNonNull(delegations, "delegations is null");
        this.creations = requireNonNull(creations, "creations is null");
    }

    @POST
    @RolesAllowed("FINANCE_OFFICER")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delegate your approval authority to another active finance officer for the days from..to "
            + "(both included, at most the configured maximum, not overlapping another of yours); never a way round "
            + "segregation of duties", responses = @ApiResponse(responseCode = "201",
                    content = @Content(schema = @Schema(implementation = DelegationView.class))))
    public Response create(@Auth GrantsPrincipal principal,
                           @Parameter(description = "makes the request safe to retry")
                           @HeaderParam(IdempotentCreations.HEADER) String idempotencyKey,
                           @Context UriInfo uri,
                           @NotNull(message = "is required") NewDelegation request) {
        return creations.create(principal, idempotencyKey, uri, request, () -> {
            DelegationView view = DelegationView.of(delegations.create(principal.actor(), request));
            return new IdempotentCreations.Created(view, "/api/v1/delegations/" + view.id());
        });
    }

    @GET
    @RolesAllowed({"FINANCE_OFFICER", "GRANT_MANAGER", "ADMIN", "AUDITOR"})
    @Operation(summary = "Delegations, newest first: a finance officer's own (given or received); everyone's for a "
            + "grant manager, administrator or auditor")
    public PageView<DelegationView> list(@Auth GrantsPrincipal principal, @QueryParam("limit") String limit,
                                         @QueryParam("offset") String offset) {
        return PageView.of(delegations.list(principal.actor(), Page.Request.parse(limit, offset)),
                DelegationView::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"FINANCE_OFFICER", "GRANT_MANAGER", "ADMIN", "AUDITOR"})
    @Operation(summary = "One delegation; a finance officer sees only those they gave or received")
    public DelegationView get(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return DelegationView.of(delegations.get(principal.actor(), id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({"FINANCE_OFFICER", "GRANT_MANAGER", "ADMIN"})
    @Operation(summary = "Revoke a delegation: its delegator, a grant manager or an administrator; 409 if already "
            + "revoked")
    public DelegationView revoke(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return DelegationView.of(delegations.revoke(principal.actor(), id));
    }
}
