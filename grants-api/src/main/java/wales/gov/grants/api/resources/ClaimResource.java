package wales.gov.grants.api.resources;

import java.util.List;

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
import wales.gov.grants.api.openapi.ProblemResponses;
import wales.gov.grants.api.representations.AdjustmentView;
import wales.gov.grants.api.representations.ClaimDetailView;
import wales.gov.grants.api.representations.ClaimView;
import wales.gov.grants.api.representations.PageView;
import wales.gov.grants.api.representations.PaymentView;
import wales.gov.grants.api.representations.WarningView;
import wales.gov.grants.claims.ApprovalRequest;
import wales.gov.grants.claims.ClaimService;
import wales.gov.grants.claims.ClaimStatus;
import wales.gov.grants.claims.ClaimTransition;
import wales.gov.grants.claims.NewAdjustment;
import wales.gov.grants.claims.NewPayment;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.Page;

import static java.util.Objects.requireNonNull;

@Path("/api/v1/claims")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "claims")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class ClaimResource {
    private final ClaimService claims;
    private final IdempotentCreations creations;

    public ClaimResource(ClaimService claims, IdempotentCreations creations) {
        this.claims = requireNonNull(claims, "claims is null");
        this.creations = requireNonNull(creations, "creations is null");
    }

    /** A finance officer's reason for rejecting a claim. */
    public record Rejection(String reason) {
    }

    /** A finance officer's question back to the recipient. */
    public record Query(String question) {
    }

    @GET
    @RolesAllowed({"FINANCE_OFFICER", "GRANT_MANAGER", "AUDITOR", "RECIPIENT"})
    @Operation(summary = "The work queue: claims oldest submitted first, filtered by status, scheme and "
            + "organisation; a recipient sees its own organisation's only")
    public PageView<ClaimView> list(@Auth GrantsPrincipal principal, @Parameter(schema = @Schema(implementation = ClaimStatus.class))
                                    @QueryParam("status") String status,
                                    @QueryParam("schemeId") String schemeId,
                                    @QueryParam("organisationId") String organisationId,
                                    @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return PageView.of(claims.list(principal.actor(),
                ClaimService.ClaimFilter.parse(schemeId, organisationId, status),
                Page.Request.parse(limit, offset)), ClaimView::of);
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(summary = "One claim with its lines, approvals, payments, adjustments, recoveries and history")
    public ClaimDetailView get(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return ClaimDetailView.of(claims.get(principal.actor(), ClaimId.fromPath(id)));
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed("RECIPIENT")
    @ProblemResponses(422)
    @Operation(summary = "Submit a draft or queried claim")
    public ClaimView submit(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return ClaimView.of(claims.transition(principal.actor(), ClaimId.fromPath(id), ClaimTransition.SUBMIT, null));
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed("FINANCE_OFFICER")
    @ProblemResponses(422)
    @Operation(summary = "Approve a submitted claim; at or above the scheme's dual approval threshold the first "
            + "approval leaves it SUBMITTED and a second officer's makes it APPROVED; 422 if the award's approved "
            + "claims would exceed it or a duty would be broken")
    public ClaimView approve(@Auth GrantsPrincipal principal, @PathParam("id") String id,
                             @Parameter(description = "optional: {acknowledgeWarnings: true, reason} when the claim "
                                     + "has warnings (422 naming them otherwise); onBehalfOf: the id of the finance "
                                     + "officer whose delegation to you is in force today")
                             ApprovalRequest request) {
        return ClaimView.of(claims.approve(principal.actor(), ClaimId.fromPath(id), request));
    }

    @GET
    @Path("{id}/warnings")
    @PermitAll
    @Operation(summary = "Possible double funding of a claim: the same evidence SHA-256 supporting a claim under "
            + "another award, the same line claimed twice under the award for overlapping periods; each names the "
            + "other claim and award. FINANCE_OFFICER, GRANT_MANAGER, AUDITOR; a recipient is refused (403, or 404 "
            + "for another organisation's claim)")
    public List<WarningView> warnings(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return claims.warnings(principal.actor(), ClaimId.fromPath(id)).stream().map(WarningView::of).toList();
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed("FINANCE_OFFICER")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject a submitted claim, with a reason")
    public ClaimView reject(@Auth GrantsPrincipal principal, @PathParam("id") String id,
                            @NotNull(message = "is required") Rejection request) {
        return ClaimView.of(claims.transition(principal.actor(), ClaimId.fromPath(id), ClaimTransition.REJECT, request.reason()));
    }

    @POST
    @Path("{id}/query")
    @RolesAllowed("FINANCE_OFFICER")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a submitted claim back to the recipient with a question")
    public ClaimView query(@Auth GrantsPrincipal principal, @PathParam("id") String id,
                           @NotNull(message = "is required") Query request) {
        return ClaimView.of(claims.transition(principal.actor(), ClaimId.fromPath(id), ClaimTransition.QUERY, request.question()));
    }

    @POST
    @Path("{id}/payments")
    @RolesAllowed("FINANCE_OFFICER")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a payment against an approved claim; never beyond its approved amount; the claim "
            + "becomes PAID when fully paid", responses = @ApiResponse(responseCode = "201",
                    content = @Content(schema = @Schema(implementation = PaymentView.class))))
    public Response pay(@Auth GrantsPrincipal principal, @PathParam("id") String id,
                        @Parameter(description = "makes the request safe to retry")
                        @HeaderParam(IdempotentCreations.HEADER) String idempotencyKey,
                        @Context UriInfo uri,
                        @NotNull(message = "is required") NewPayment request) {
        return creations.create(principal, idempotencyKey, uri, request, () -> {
            PaymentView view = PaymentView.of(claims.pay(principal.actor(), ClaimId.fromPath(id), request));
            return new IdempotentCreations.Created(view, "/api/v1/claims/" + view.claimId());
        });
    }

    @POST
    @Path("{id}/adjustments")
    @RolesAllowed("FINANCE_OFFICER")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reduce an approved or paid claim's eligible amount; raises a recovery if more was paid",
            responses = @ApiResponse(responseCode = "201",
                    content = @Content(schema = @Schema(implementation = AdjustmentView.class))))
    public Response adjust(@Auth GrantsPrincipal principal, @PathParam("id") String id,
                           @Parameter(description = "makes the request safe to retry")
                           @HeaderParam(IdempotentCreations.HEADER) String idempotencyKey,
                           @Context UriInfo uri,
                           @NotNull(message = "is required") NewAdjustment request) {
        return creations.create(principal, idempotencyKey, uri, request, () -> {
            AdjustmentView view = AdjustmentView.of(claims.adjust(principal.actor(), ClaimId.fromPath(id), request));
            return new IdempotentCreations.Created(view, "/api/v1/claims/" + view.claimId());
        });
    }
}
