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
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.packs.PackLanguage;

import static java.util.Objects.requireNonNull;

/**
 * An award's audit pack as a PDF download. The pack is made whole before the first byte is sent, so a client gets
 * the file with its length and digest, or a clean problem; never half a PDF. Roles are checked by the service, after
 * visibility: a recipient gets 403 for its own award and 404 for another organisation's.
 */
@Path("/api/v1/awards/{awardId}/audit-pack")
@Tag(name = "audit")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class AwardPackResource {
    private final AuditPackService packs;

    public AwardPackResource(AuditPackService packs) {
        this.packs = requireNonNull(packs, "packs is null");
    }

    @GET
    @PermitAll
    @ProblemResponses(403)
    @Operation(summary = "The award's audit pack: a PDF/A-3b with the award, claims, money, outcomes, evidence "
            + "(attached), certification checks and the verified audit trail, and its data as pack-data.json",
            description = "AUDITOR, FINANCE_OFFICER and GRANT_MANAGER. The same data gives the same bytes.",
            responses = @ApiResponse(responseCode = "200", description = "the pack",
                    content = @Content(mediaType = PackDownloads.PDF,
                            schema = @Schema(type = "string", format = "binary"))))
    public Response awardPack(@Auth GrantsPrincipal principal, @PathParam("awardId") String awardId,
                              @Parameter(description = "en (default) or cy",
                                      schema = @Schema(allowableValues = {"en", "cy"}, defaultValue = "en"))
                              @QueryParam("lang") String lang) {
        PackLanguage language = PackDownloads.language(lang);
        return PackDownloads.send(packs.awardPack(principal.actor(), AwardId.fromPath(awardId), language));
    }
}
