package wales.gov.grants.api.representations;

import wales.gov.grants.evidence.Evidence;

/** An evidence document as the API shows it; {@code sha256} is lower-case hex of the exact bytes stored. */
public record EvidenceView(
        String id,
        String awardId,
        String claimId,
        String title,
        String filename,
        String mediaType,
        long size,
        String sha256,
        String status,
        String supersedes,
        String supersededBy,
        String uploadedBy,
        String uploadedAt,
        String removedAt,
        String content) {

    public static EvidenceView of(Evidence evidence) {
        return new EvidenceView(evidence.id().toString(), evidence.awardId().toString(), text(evidence.claimId()),
                evidence.title(), evidence.filename(), evidence.mediaType().mediaType(), evidence.size(),
                evidence.sha256(), evidence.status().name(), text(evidence.supersedes()),
                text(evidence.supersededBy()), evidence.uploadedByUsername(), evidence.uploadedAt().toString(),
                text(evidence.removedAt()), "/api/v1/evidence/" + evidence.id() + "/content");
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
