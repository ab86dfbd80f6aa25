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
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import wales.gov.grants.api.representations.SampleView;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.samples.NewSample;
import wales.gov.grants.samples.SampleService;

import static java.util.Objects.requireNonNull;

/** Draws a monetary-unit sample of a scheme's approved claim lines. Only auditors: the service checks the role. */
@Path("/api/v1/schemes/{schemeId}/samples")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class SchemeSampleResource {
    private final SampleService samples;
    private final IdempotentCreations creations;

    public SchemeSampleResource(SampleService samples, IdempotentCreations creations) {
        this.samples = requireNonNull(samples, "samples is null");
        this.creations = requireNonNull(creations, "creations is null");
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Draw a reproducible monetary-unit sample of the scheme's approved claim lines",
            description = "AUDITOR only. {size, seed}: size a whole number from 1 to the number of approved lines "
                    + "(at most 10000); seed a 64-bit integer as a JSON number or a string of digits, drawn at random "
                    + "and recorded when absent. The same seed over the same data gives the same sample; the answer "
                    + "names the data digest and signed checkpoint it was drawn from.",
            responses = @ApiResponse(responseCode = "201",
                    content = @Content(schema = @Schema(implementation = SampleView.class))))
    public Response draw(@Auth GrantsPrincipal principal, @PathParam("schemeId") String schemeId,
                         @Parameter(description = "makes the request safe to retry")
                         @HeaderParam(IdempotentCreations.HEADER) String idempotencyKey,
                         @Context UriInfo uri,
                         @NotNull(message = "is required") NewSample request) {
        SchemeId scheme = SchemeId.fromPath(schemeId);
        return creations.create(principal, idempotencyKey, uri, request, () -> {
            SampleView view = SampleView.of(samples.draw(principal.actor(), scheme, request));
            return new IdempotentCreations.Created(view, "/api/v1/samples/" + view.id());
        });
    }
}
