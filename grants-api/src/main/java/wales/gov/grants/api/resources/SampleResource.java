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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import wales.gov.grants.api.auth.GrantsPrincipal;
import wales.gov.grants.api.representations.SampleView;
import wales.gov.grants.packs.PackLanguage;
import wales.gov.grants.samples.SampleId;
import wales.gov.grants.samples.SampleService;

import static java.util.Objects.requireNonNull;

/** A drawn audit sample, and its pack. Only auditors: the service checks the role. */
@Path("/api/v1/samples/{sampleId}")
@Tag(name = "audit")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class SampleResource {
    private final SampleService samples;

    public SampleResource(SampleService samples) {
        this.samples = requireNonNull(samples, "samples is null");
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A monetary-unit sample with each line's claim, award, organisation and evidence",
            description = "AUDITOR only.")
    public SampleView get(@Auth GrantsPrincipal principal, @PathParam("sampleId") String sampleId) {
        return SampleView.of(samples.get(principal.actor(), SampleId.fromPath(sampleId)));
    }

    @GET
    @Path("pack")
    @PermitAll
    @Operation(summary = "The sample's PDF/A-3b pack: the sampled lines with their evidence attached",
            description = "AUDITOR only. Says whether the population still has the digest the sample was drawn "
                    + "from. The same data gives the same bytes; each download is audited.",
            responses = @ApiResponse(responseCode = "200", description = "the pack",
                    content = @Content(mediaType = PackDownloads.PDF,
                            schema = @Schema(type = "string", format = "binary"))))
    public Response pack(@Auth GrantsPrincipal principal, @PathParam("sampleId") String sampleId,
                         @Parameter(description = "en (default) or cy") @QueryParam("lang") String lang) {
        PackLanguage language = PackDownloads.language(lang);
        return PackDownloads.send(samples.pack(principal.actor(), SampleId.fromPath(sampleId), language));
    }
}
