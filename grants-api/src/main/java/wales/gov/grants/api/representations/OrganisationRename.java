package wales.gov.grants.api.representations;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of an organisation's rename, for the OpenAPI document: the resource reads it as a merge patch. */
@Schema(description = "A JSON merge patch of the names; a name left out is unchanged, code and type never change")
public record OrganisationRename(
        @Schema(description = "The English name", maxLength = 200) String nameEn,
        @Schema(description = "The Welsh name", maxLength = 200) String nameCy) {
}
