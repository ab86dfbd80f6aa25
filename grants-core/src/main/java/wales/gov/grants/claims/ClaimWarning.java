package wales.gov.grants.claims;

import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.SchemeId;

import static java.util.Objects.requireNonNull;

/**
 * A possible double funding found for a claim: the same evidence file (by SHA-256) also supporting a claim under
 * another award, or the same expenditure line (category, amount, {@link LineDescriptions normalised description})
 * claimed again under the same award for an overlapping period. Shown to finance, grant managers and auditors only:
 * it names another organisation's claim.
 *
 * @param sha256 the shared file's hash; only for {@link Kind#SHARED_EVIDENCE}
 * @param linePosition the line of this claim (from 0); only for {@link Kind#REPEATED_LINE}
 * @param otherLinePosition the same line in the other claim; only for {@link Kind#REPEATED_LINE}
 */
public record ClaimWarning(
        ClaimId claimId,
        Kind kind,
        String sha256,
        Integer linePosition,
        ClaimId otherClaimId,
        AwardId otherAwardId,
        SchemeId otherSchemeId,
        OrganisationId otherOrganisationId,
        ClaimStatus otherClaimStatus,
        Integer otherLinePosition) {
    public enum Kind { SHARED_EVIDENCE, REPEATED_LINE }

    public ClaimWarning {
        requireNonNull(claimId, "claimId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(otherClaimId, "otherClaimId is null");
        requireNonNull(otherAwardId, "otherAwardId is null");
        requireNonNull(otherSchemeId, "otherSchemeId is null");
        requireNonNull(otherOrganisationId, "otherOrganisationId is null");
        requireNonNull(otherClaimStatus, "otherClaimStatus is null");
        switch (kind) {
            case SHARED_EVIDENCE -> requireNonNull(sha256, "sha256 is null");
            case REPEATED_LINE -> {
                requireNonNull(linePosition, "linePosition is null");
                requireNonNull(otherLinePosition, "otherLinePosition is null");
            }
        }
    }

    /**
     * Names the finding stably, so an acknowledgement records exactly which findings it accepted and a later
     * finding (another upload elsewhere) is seen as not acknowledged.
     */
    public String key() {
        return switch (kind) {
            case SHARED_EVIDENCE -> kind + ":" + sha256 + ":" + otherClaimId;
            case REPEATED_LINE -> kind + ":" + linePosition + ":" + otherClaimId + ":" + otherLinePosition;
        };
    }

    /** One sentence for a refusal or a log, naming the other claim and award. */
    public String describe() {
        return switch (kind) {
            case SHARED_EVIDENCE -> "evidence with SHA-256 " + sha256 + " also supports claim " + otherClaimId
                    + " under award " + otherAwardId;
            case REPEATED_LINE -> "line " + (linePosition + 1) + " is also claimed as line " + (otherLinePosition + 1)
                    + " of claim " + otherClaimId + " under award " + otherAwardId + " for an overlapping period";
        };
    }
}
