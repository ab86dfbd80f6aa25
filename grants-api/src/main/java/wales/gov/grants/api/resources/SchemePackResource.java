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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import wales.gov.grants.api.auth.GrantsPrincipal;
import wales.gov.grants.api.openapi.ProblemResponses;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.packs.PackLanguage;

import static java.util.Objects.requireNonNull;

/** One audit pack of every award of a scheme, as a PDF download made whole before it is sent. */
@Path("/api/v1/schemes/{schemeId}/audit-pack")
@Tag(name = "audit")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class SchemePackResource {
    private final AuditPackService packs;

    public SchemePackResource(AuditPackService packs) {
        this.packs = requireNonNull(packs, "packs is null");
    }

    @GET
    @PermitAll
    @ProblemResponses(403)
    @Operation(summary = "One audit pack of every award of the scheme",
            description = "AUDITOR, FINANCE_OFFICER and GRANT_MANAGER. The same data gives the same bytes.",
            responses = @ApiResponse(responseCode = "200", description = "the pack",
                    content = @Content(mediaType = PackDownloads.PDF,
                            schema = @Schema(type = "string", format = "binary"))))
    public Response schemePack(@Auth GrantsPrincipal principal, @PathParam("schemeId") String schemeId,
                               @Parameter(description = "en (default) or cy",
                                      schema = @Schema(allowableValues = {"en", "cy"}, defaultValue = "en"))
                              @QueryParam("lang") String lang) {
        PackLanguage language = PackDownloads.language(lang);
        return PackDownloads.send(packs.schemePack(principal.actor(), SchemeId.fromPath(schemeId), language));
    }
}
