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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import wales.gov.grants.api.auth.GrantsPrincipal;
import wales.gov.grants.api.representations.OutcomesView;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.outcomes.NewOutcomeReport;
import wales.gov.grants.outcomes.OutcomeService;

import static java.util.Objects.requireNonNull;

@Path("/api/v1/awards/{awardId}/outcomes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "outcomes")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class OutcomeResource {
    private final OutcomeService outcomes;
    private final IdempotentCreations creations;

    public OutcomeResource(OutcomeService outcomes, IdempotentCreations creations) {
        this.outcomes = requireNonNull(outcomes, "outcomes is null");
        this.creations = requireNonNull(creations, "creations is null");
    }

    @POST
    @RolesAllowed("RECIPIENT")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a figure against one of the award's target measures for a period",
            responses = @ApiResponse(responseCode = "201",
                    content = @Content(schema = @Schema(implementation = OutcomesView.ReportView.class))))
    public Response report(@Auth GrantsPrincipal principal, @PathParam("awardId") String awardId,
                           @Parameter(description = "makes the request safe to retry")
                           @HeaderParam(IdempotentCreations.HEADER) String idempotencyKey,
                           @Context UriInfo uri,
                           @NotNull(message = "is required") NewOutcomeReport request) {
        return creations.create(principal, idempotencyKey, uri, request, () -> {
            OutcomesView.ReportView view = OutcomesView.ReportView.of(
                    outcomes.report(principal.actor(), AwardId.fromPath(awardId), request), true);
            return new IdempotentCreations.Created(view, "/api/v1/awards/" + awardId + "/outcomes");
        });
    }

    @GET
    @PermitAll
    @Operation(summary = "Each target with its actuals, the latest total and the variance from the target")
    public OutcomesView progress(@Auth GrantsPrincipal principal, @PathParam("awardId") String awardId) {
        return OutcomesView.of(awardId, outcomes.progress(principal.actor(), AwardId.fromPath(awardId)));
    }
}
