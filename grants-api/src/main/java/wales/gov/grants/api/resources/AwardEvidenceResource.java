package wales.gov.grants.api.resources;

import java.io.InputStream;
import java.net.URI;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import wales.gov.grants.api.auth.GrantsPrincipal;
import wales.gov.grants.api.multipart.EvidenceForm;
import wales.gov.grants.api.representations.EvidenceUpload;
import wales.gov.grants.api.representations.EvidenceView;
import wales.gov.grants.api.representations.PageView;
import wales.gov.grants.evidence.EvidenceService;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.Page;

import static java.util.Objects.requireNonNull;

/**
 * Uploading and listing an award's evidence. The upload reads the raw request stream as it arrives
 * ({@link EvidenceForm}), after refusing what can be refused from the headers alone.
 */
@Path("/api/v1/awards/{awardId}/evidence")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "evidence")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class AwardEvidenceResource {
    private final EvidenceService evidence;

    public AwardEvidenceResource(EvidenceService evidence) {
        this.evidence = requireNonNull(evidence, "evidence is null");
    }

    @POST
    @RolesAllowed("RECIPIENT")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a document (multipart/form-data: file, title, optional claimId and supersedes)",
            description = "The type is decided from the content: PDF, PNG, JPEG, CSV, XLSX, DOCX, ODT, ODS or UTF-8 "
                    + "text, else 415; over the configured size 413. With an Idempotency-Key, a retry of the same "
                    + "upload (same bytes and fields) returns the first result and stores nothing; the same key "
                    + "with a different upload is refused with 422.",
            responses = @ApiResponse(responseCode = "201",
                    content = @Content(schema = @Schema(implementation = EvidenceView.class))))
    public Response upload(@Auth GrantsPrincipal principal, @PathParam("awardId") String awardId,
                           @Parameter(description = "makes the upload safe to retry")
                           @HeaderParam(IdempotentCreations.HEADER) String idempotencyKey,
                           @Context HttpHeaders headers,
                           @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
                                   schema = @Schema(implementation = EvidenceUpload.class)))
                           InputStream body) {
        AwardId award = AwardId.fromPath(awardId);
        evidence.checkUpload(principal.actor(), award, headers.getLength());
        EvidenceForm form = EvidenceForm.read(evidence, headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
        EvidenceService.Upload upload = evidence.upload(principal.actor(), award, form.file(), form.fields(),
                idempotencyKey);
        EvidenceView view = EvidenceView.of(upload.evidence());
        Response.ResponseBuilder response = Response.created(URI.create("/api/v1/evidence/" + view.id()))
                .entity(view);
        if (upload.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    @GET
    @PermitAll
    @Operation(summary = "The award's evidence, oldest first, including superseded and removed documents")
    public PageView<EvidenceView> list(@Auth GrantsPrincipal principal, @PathParam("awardId") String awardId,
                                       @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return PageView.of(evidence.list(principal.actor(), AwardId.fromPath(awardId),
                Page.Request.parse(limit, offset)), EvidenceView::of);
    }
}
