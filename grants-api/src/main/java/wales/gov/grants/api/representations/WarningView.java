package wales.gov.grants.api.representations;

import wales.gov.grants.claims.ClaimWarning;

/**
 * A possible double funding of a claim, with the other claim and award it points to. {@code key} is what an
 * acknowledgement records; {@code sha256} is set for shared evidence, the line positions (from 0) for a repeated
 * line.
 */
public record WarningView(
        String key,
        String kind,
        String message,
        String sha256,
        Integer linePosition,
        String otherClaimId,
        String otherAwardId,
        String otherSchemeId,
        String otherOrganisationId,
        String otherClaimStatus,
        Integer otherLinePosition) {
    public static WarningView of(ClaimWarning warning) {
        return new WarningView(warning.key(), warning.kind().name(), warning.describe(), warning.sha256(),
                warning.linePosition(), warning.otherClaimId().toString(), warning.otherAwardId().toString(),
                warning.otherSchemeId().toString(), warning.otherOrganisationId().toString(),
                warning.otherClaimStatus().name(), warning.otherLinePosition());
    }
}
