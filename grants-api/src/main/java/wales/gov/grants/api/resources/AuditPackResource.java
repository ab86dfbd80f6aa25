package wales.gov.grants.api.resources;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.Base64;
import java.util.HexFormat;

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
import jakarta.ws.rs.core.StreamingOutput;
import wales.gov.grants.api.auth.GrantsPrincipal;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.packs.PackLanguage;

import static java.util.Objects.requireNonNull;

/**
 * Audit packs as PDF downloads. The pack is made whole before the first byte is sent, so a client gets the file
 * with its length and digest, or a clean problem; never half a PDF. Roles are checked by the service, after
 * visibility: a recipient gets 403 for its own award and 404 for another organisation's.
 */
@Path("/api/v1")
@Tag(name = "audit")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class AuditPackResource {
    private static final String PDF = "application/pdf";

    private final AuditPackService packs;

    public AuditPackResource(AuditPackService packs) {
        this.packs = requireNonNull(packs, "packs is null");
    }

    @GET
    @Path("awards/{awardId}/audit-pack")
    @PermitAll
    @Operation(summary = "The award's audit pack: a PDF/A-3b with the award, claims, money, outcomes, evidence "
            + "(attached), certification checks and the verified audit trail, and its data as pack-data.json",
            description = "AUDITOR, FINANCE_OFFICER and GRANT_MANAGER. The same data gives the same bytes.",
            responses = @ApiResponse(responseCode = "200", description = "the pack",
                    content = @Content(mediaType = PDF, schema = @Schema(type = "string", format = "binary"))))
    public Response awardPack(@Auth GrantsPrincipal principal, @PathParam("awardId") String awardId,
                              @Parameter(description = "en (default) or cy") @QueryParam("lang") String lang) {
        PackLanguage language = language(lang);
        return send(packs.awardPack(principal.actor(), AwardId.fromPath(awardId), language));
    }

    @GET
    @Path("schemes/{schemeId}/audit-pack")
    @PermitAll
    @Operation(summary = "One audit pack of every award of the scheme",
            description = "AUDITOR, FINANCE_OFFICER and GRANT_MANAGER. The same data gives the same bytes.",
            responses = @ApiResponse(responseCode = "200", description = "the pack",
                    content = @Content(mediaType = PDF, schema = @Schema(type = "string", format = "binary"))))
    public Response schemePack(@Auth GrantsPrincipal principal, @PathParam("schemeId") String schemeId,
                               @Parameter(description = "en (default) or cy") @QueryParam("lang") String lang) {
        PackLanguage language = language(lang);
        return send(packs.schemePack(principal.actor(), SchemeId.fromPath(schemeId), language));
    }

    private static PackLanguage language(String lang) {
        return PackLanguage.parse(lang).orElseThrow(() -> ValidationException.of("lang", "must be en or cy"));
    }

    private static Response send(AuditPackService.Pack pack) {
        StreamingOutput body = output -> {
            try (pack; InputStream in = Files.newInputStream(pack.file())) {
                in.transferTo(output);
            }
        };
        String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(pack.sha256()));
        return Response.ok(body, PDF)
                .header("Content-Length", pack.size())
                .header("Content-Disposition", "attachment; filename=\"" + pack.filename() + "\"")
                .header("ETag", "\"" + pack.sha256() + "\"")
                .header("Repr-Digest", "sha-256=:" + digest + ":")
                .build();
    }

}
