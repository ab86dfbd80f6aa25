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
import wales.gov.grants.api.representations.PageView;
import wales.gov.grants.api.representations.RecoveryView;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.RecoveryId;
import wales.gov.grants.recoveries.NewReceipt;
import wales.gov.grants.recoveries.RecoveryService;

import static java.util.Objects.requireNonNull;

@Path("/api/v1/recoveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recoveries")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class RecoveryResource {
    private final RecoveryService recoveries;
    private final IdempotentCreations creations;

    public RecoveryResource(RecoveryService recoveries, IdempotentCreations creations) {
        this.recoveries = requireNonNull(recoveries, "recoveries is null");
        this.creations = requireNonNull(creations, "creations is null");
    }

    @GET
    @RolesAllowed({"FINANCE_OFFICER", "AUDITOR", "GRANT_MANAGER"})
    @Operation(summary = "Money owed back, oldest first, optionally for one award and OPEN or SETTLED")
    public PageView<RecoveryView> list(@Auth GrantsPrincipal principal, @QueryParam("awardId") String awardId,
                                       @Parameter(schema = @Schema(allowableValues = {"OPEN", "SETTLED"}))
                                       @QueryParam("status") String status, @QueryParam("limit") String limit,
                                       @QueryParam("offset") String offset) {
        return PageView.of(recoveries.list(principal.actor(), RecoveryService.RecoveryFilter.parse(awardId, status), Page.Request.parse(limit, offset)),
                RecoveryView::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"FINANCE_OFFICER", "AUDITOR", "GRANT_MANAGER"})
    @Operation(summary = "One recovery with its receipts")
    public RecoveryView get(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return RecoveryView.of(recoveries.get(principal.actor(), RecoveryId.fromPath(id)));
    }

    @POST
    @Path("{id}/receipts")
    @RolesAllowed("FINANCE_OFFICER")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record money received back; never more than is outstanding",
            responses = @ApiResponse(responseCode = "201",
                    content = @Content(schema = @Schema(implementation = RecoveryView.class))))
    public Response receive(@Auth GrantsPrincipal principal, @PathParam("id") String id,
                            @Parameter(description = "makes the request safe to retry")
                            @HeaderParam(IdempotentCreations.HEADER) String idempotencyKey,
                            @Context UriInfo uri,
                            @NotNull(message = "is required") NewReceipt request) {
        return creations.create(principal, idempotencyKey, uri, request, () -> {
            RecoveryView view = RecoveryView.of(recoveries.receive(principal.actor(), RecoveryId.fromPath(id), request));
            return new IdempotentCreations.Created(view, "/api/v1/recoveries/" + view.id());
        });
    }
}
