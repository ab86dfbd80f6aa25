package wales.gov.grants.api.resources;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import wales.gov.grants.api.auth.GrantsPrincipal;
import wales.gov.grants.api.openapi.ProblemResponses;
import wales.gov.grants.api.representations.EvidenceView;
import wales.gov.grants.evidence.Evidence;
import wales.gov.grants.evidence.EvidenceService;
import wales.gov.grants.kernel.EvidenceId;

import static java.util.Objects.requireNonNull;

@Path("/api/v1/evidence")
@Tag(name = "evidence")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class EvidenceResource {
    private final EvidenceService evidence;

    public EvidenceResource(EvidenceService evidence) {
        this.evidence = requireNonNull(evidence, "evidence is null");
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One evidence document's record")
    public EvidenceView get(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return EvidenceView.of(evidence.get(principal.actor(), EvidenceId.fromPath(id)));
    }

    @GET
    @Path("{id}/content")
    @PermitAll
    @Operation(summary = "The document's bytes, streamed, with ETag and Repr-Digest (RFC 9530) of their SHA-256",
            responses = {
                @ApiResponse(responseCode = "200", description = "The bytes, with the media type detected at upload",
                        headers = {
                            @Header(name = "ETag", description = "The SHA-256 of the bytes, quoted",
                                    schema = @Schema(type = "string")),
                            @Header(name = "Repr-Digest", description = "sha-256=:<base64>: (RFC 9530)",
                                    schema = @Schema(type = "string")),
                            @Header(name = "Content-Disposition", description = "attachment, with the file name",
                                    schema = @Schema(type = "string"))},
                        content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary"))),
                @ApiResponse(responseCode = "304", description = "Not Modified: If-None-Match named these bytes")})
    @ProblemResponses(503)
    public Response content(@Auth GrantsPrincipal principal, @PathParam("id") String id,
                            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Set<String> known = knownSha256(ifNoneMatch);
        EvidenceService.Download download = evidence.download(principal.actor(), EvidenceId.fromPath(id), known,
                ifNoneMatch != null && ifNoneMatch.strip().equals("*"));
        Evidence document = download.evidence();
        String etag = "\"" + document.sha256() + "\"";
        if (download.notModified()) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(document.sha256()));
        // opened before the response starts, so a missing file is still a problem response (503), not a cut-off body
        InputStream content = download.open();
        StreamingOutput bytes = output -> {
            try (InputStream in = content) {
                in.transferTo(output);
            }
        };
        String type = document.mediaType().mediaType() + (document.mediaType().isText() ? "; charset=UTF-8" : "");
        return Response.ok(bytes, type)
                .header(HttpHeaders.CONTENT_LENGTH, document.size())
                .header(HttpHeaders.ETAG, etag)
                .header("Repr-Digest", "sha-256=:" + digest + ":")
                .header("Digest", "sha-256=" + digest)
                .header("Content-Disposition", contentDisposition(document.filename()))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("RECIPIENT")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark a document removed (it stays listed); refused for evidence of an approved claim")
    public EvidenceView remove(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return EvidenceView.of(evidence.remove(principal.actor(), EvidenceId.fromPath(id)));
    }

    /** RFC 6266: an ASCII fallback in {@code filename} and the exact name, UTF-8 percent-encoded, in {@code filename*}. */
    public static String contentDisposition(String filename) {
        StringBuilder fallback = new StringBuilder();
        filename.codePoints().forEach(codePoint -> fallback.append(
                codePoint >= 0x20 && codePoint < 0x7f && codePoint != '"' && codePoint != '\\' && codePoint != '%'
                        ? (char) codePoint : '_'));
        String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }

    /** The SHA-256 values named by an If-None-Match header (strong or weak entity tags). */
    static Set<String> knownSha256(String ifNoneMatch) {
        Set<String> known = new HashSet<>();
        if (ifNoneMatch == null) {
            return known;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String value = tag.strip();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                known.add(value.substring(1, value.length() - 1));
            }
        }
        return known;
    }
}
