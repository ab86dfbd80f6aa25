package wales.gov.grants.api.representations;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The parts of an evidence upload, for the OpenAPI document only: the upload is read as a stream by
 * {@code EvidenceForm}, never bound to this record.
 */
@Schema(description = "multipart/form-data parts of an evidence upload")
public record EvidenceUpload(
        @Schema(type = "string", format = "binary", description = "The document; its type is decided from its content")
        String file,
        @Schema(description = "What the document is", maxLength = 200)
        String title,
        @Schema(description = "The claim it supports, if any")
        String claimId,
        @Schema(description = "The id of the document it replaces, if any")
        String supersedes) {
}
