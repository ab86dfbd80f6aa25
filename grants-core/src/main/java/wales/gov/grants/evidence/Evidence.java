package wales.gov.grants.evidence;

import java.time.Instant;
import java.util.Optional;

import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.EvidenceId;
import wales.gov.grants.kernel.UserId;

import static java.util.Objects.requireNonNull;

/**
 * A document uploaded as evidence for an award, optionally for one of its claims. Its bytes are identified by
 * their SHA-256; a correction is a new document that supersedes this one, and both stay visible.
 */
public record Evidence(
        EvidenceId id,
        AwardId awardId,
        ClaimId claimId,
        String title,
        String filename,
        EvidenceMediaType mediaType,
        long size,
        String sha256,
        EvidenceId supersedes,
        EvidenceId supersededBy,
        UserId uploadedBy,
        String uploadedByUsername,
        Instant uploadedAt,
        UserId removedBy,
        Instant removedAt) {
    public Evidence {
        requireNonNull(id, "id is null");
        requireNonNull(awardId, "awardId is null");
        requireNonNull(title, "title is null");
        requireNonNull(filename, "filename is null");
        requireNonNull(mediaType, "mediaType is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(uploadedBy, "uploadedBy is null");
        requireNonNull(uploadedByUsername, "uploadedByUsername is null");
        requireNonNull(uploadedAt, "uploadedAt is null");
        if (size <= 0) {
            throw new IllegalArgumentException("evidence is never empty");
        }
    }

    public enum Status { CURRENT, SUPERSEDED, REMOVED }

    public Status status() {
        if (removedAt != null) {
            return Status.REMOVED;
        }
        return supersededBy == null ? Status.CURRENT : Status.SUPERSEDED;
    }

    public Optional<ClaimId> claim() {
        return Optional.ofNullable(claimId);
    }
}
