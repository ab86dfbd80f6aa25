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
import wales.gov.grants.api.representations.AuditEventView;
import wales.gov.grants.api.representations.AwardClosureView;
import wales.gov.grants.api.representations.AwardView;
import wales.gov.grants.api.representations.PageView;
import wales.gov.grants.awards.AuditTrailService;
import wales.gov.grants.awards.AwardService;
import wales.gov.grants.awards.AwardStatus;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.awards.NewAward;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.Page;

import static java.util.Objects.requireNonNull;

@Path("/api/v1/awards")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "awards")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class AwardResource {
    private final AwardService awards;
    private final AuditTrailService auditTrail;
    private final IdempotentCreations creations;

    public AwardResource(AwardService awards, AuditTrailService auditTrail, IdempotentCreations creations) {
        this.awards = requireNonNull(awards, "awards is null");
        this.auditTrail = requireNonNull(auditTrail, "auditTrail is null");
        this.creations = requireNonNull(creations, "creations is null");
    }

    @GET
    @PermitAll
    @Operation(summary = "List awards; a recipient sees its own organisation's only")
    public PageView<AwardView> list(@Auth GrantsPrincipal principal, @QueryParam("schemeId") String schemeId,
                                    @QueryParam("organisationId") String organisationId,
                                    @Parameter(schema = @Schema(implementation = AwardStatus.class))
                                    @QueryParam("status") String status, @QueryParam("limit") String limit,
                                    @QueryParam("offset") String offset) {
        return PageView.of(awards.list(principal.actor(),
                AwardService.AwardFilter.parse(schemeId, organisationId, status),
                Page.Request.parse(limit, offset)), AwardView::of);
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(summary = "One award with its totals: claimed, approved, paid, recovered, remaining")
    public AwardView get(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return AwardView.of(awards.get(principal.actor(), AwardId.fromPath(id)));
    }

    @GET
    @Path("{id}/audit-events")
    @PermitAll
    @Operation(summary = "The award's audit trail, oldest first (a recipient sees its own organisation's only)")
    public PageView<AuditEventView> auditEvents(@Auth GrantsPrincipal principal, @PathParam("id") String id,
                                                @QueryParam("limit") String limit,
                                                @QueryParam("offset") String offset) {
        return PageView.of(auditTrail.forAward(principal.actor(), AwardId.fromPath(id), Page.Request.parse(limit, offset)),
                AuditEventView::of);
    }

    @POST
    @RolesAllowed("GRANT_MANAGER")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Draft an award; refused with 422 if the scheme's awards would exceed its budget",
            responses = @ApiResponse(responseCode = "201",
                    content = @Content(schema = @Schema(implementation = AwardView.class))))
    public Response create(@Auth GrantsPrincipal principal,
                           @Parameter(description = "makes the request safe to retry")
                           @HeaderParam(IdempotentCreations.HEADER) String idempotencyKey,
                           @Context UriInfo uri,
                           @NotNull(message = "is required") NewAward request) {
        return creations.create(principal, idempotencyKey, uri, request, () -> {
            AwardView view = AwardView.of(awards.create(principal.actor(), request));
            return new IdempotentCreations.Created(view, "/api/v1/awards/" + view.id());
        });
    }

    @POST
    @Path("{id}/offer")
    @RolesAllowed("GRANT_MANAGER")
    @Operation(summary = "Offer a draft award to its organisation")
    public AwardView offer(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return AwardView.of(awards.transition(principal.actor(), AwardId.fromPath(id), AwardTransition.OFFER));
    }

    @POST
    @Path("{id}/accept")
    @RolesAllowed("RECIPIENT")
    @Operation(summary = "Accept an offered award, as its organisation's recipient")
    public AwardView accept(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return AwardView.of(awards.transition(principal.actor(), AwardId.fromPath(id), AwardTransition.ACCEPT));
    }

    @POST
    @Path("{id}/withdraw")
    @RolesAllowed("GRANT_MANAGER")
    @Operation(summary = "Withdraw a draft or offered award; its amount returns to the scheme's budget")
    public AwardView withdraw(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return AwardView.of(awards.transition(principal.actor(), AwardId.fromPath(id), AwardTransition.WITHDRAW));
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed("GRANT_MANAGER")
    @Operation(summary = "Close an active award: records its underspend and lists the recoveries still open; a "
            + "closed award takes no more claims or payments")
    public AwardClosureView close(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return AwardClosureView.of(awards.close(principal.actor(), AwardId.fromPath(id)));
    }
}
