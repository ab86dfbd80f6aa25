package wales.gov.grants.api.resources;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
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
import wales.gov.grants.api.representations.ClaimView;
import wales.gov.grants.api.representations.PageView;
import wales.gov.grants.claims.ClaimService;
import wales.gov.grants.claims.NewClaim;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.Page;

import static java.util.Objects.requireNonNull;

/** The claims of one award: a recipient drafts them here; everyone who may see the award lists them. */
@Path("/api/v1/awards/{awardId}/claims")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "claims")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class AwardClaimResource {
    private final ClaimService claims;
    private final IdempotentCreations creations;

    public AwardClaimResource(ClaimService claims, IdempotentCreations creations) {
        this.claims = requireNonNull(claims, "claims is null");
        this.creations = requireNonNull(creations, "creations is null");
    }

    @GET
    @PermitAll
    @Operation(summary = "List an award's claims; a recipient sees its own organisation's awards only")
    public PageView<ClaimView> list(@Auth GrantsPrincipal principal, @PathParam("awardId") String awardId,
                                    @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return PageView.of(claims.listForAward(principal.actor(), AwardId.fromPath(awardId), Page.Request.parse(limit, offset)),
                ClaimView::of);
    }

    @POST
    @RolesAllowed("RECIPIENT")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Draft a claim on an ACTIVE award for a period in its financial year; amount is the sum "
            + "of the lines", responses = @ApiResponse(responseCode = "201",
                    content = @Content(schema = @Schema(implementation = ClaimView.class))))
    public Response create(@Auth GrantsPrincipal principal, @PathParam("awardId") String awardId,
                           @Parameter(description = "makes the request safe to retry")
                           @HeaderParam(IdempotentCreations.HEADER) String idempotencyKey,
                           @Context UriInfo uri,
                           @NotNull(message = "is required") NewClaim request) {
        return creations.create(principal, idempotencyKey, uri, request, () -> {
            ClaimView view = ClaimView.of(claims.create(principal.actor(), AwardId.fromPath(awardId), request));
            return new IdempotentCreations.Created(view, "/api/v1/claims/" + view.id());
        });
    }
}
