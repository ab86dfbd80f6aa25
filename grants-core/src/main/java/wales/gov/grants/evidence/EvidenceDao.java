package wales.gov.grants.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(EvidenceMapper.class)
public interface EvidenceDao {
    String SELECT = """
            SELECT e.*, u.username AS uploaded_by_username, s.id AS superseded_by
            FROM evidence e
            JOIN users u ON u.id = e.uploaded_by
            LEFT JOIN evidence s ON s.supersedes_id = e.id
            """;

    @SqlQuery(SELECT + "WHERE e.id = :id")
    Optional<Evidence> find(@Bind("id") UUID id);

    /** Locks the evidence row: removal and supersession of one document queue here. */
    @SqlQuery("SELECT id FROM evidence WHERE id = :id FOR UPDATE")
    Optional<UUID> lock(@Bind("id") UUID id);

    @SqlQuery(SELECT + "WHERE e.award_id = :awardId ORDER BY e.uploaded_at, e.id LIMIT :limit OFFSET :offset")
    List<Evidence> page(@Bind("awardId") UUID awardId, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM evidence WHERE award_id = :awardId")
    long count(@Bind("awardId") UUID awardId);

    @SqlUpdate("""
            INSERT INTO evidence (id, award_id, claim_id, title, filename, media_type, size_bytes, sha256,
                                  supersedes_id, uploaded_by, uploaded_at)
            VALUES (:id, :awardId, :claimId, :title, :filename, :mediaType, :size, :sha256, :supersedes,
                    :uploadedBy, :uploadedAt)""")
    void insert(@Bind("id") UUID id, @Bind("awardId") UUID awardId, @Bind("claimId") UUID claimId,
                @Bind("title") String title, @Bind("filename") String filename, @Bind("mediaType") String mediaType,
                @Bind("size") long size, @Bind("sha256") String sha256, @Bind("supersedes") UUID supersedes,
                @Bind("uploadedBy") UUID uploadedBy, @Bind("uploadedAt") Instant uploadedAt);

    @SqlUpdate("UPDATE evidence SET removed_by = :by, removed_at = :at WHERE id = :id AND removed_at IS NULL")
    int markRemoved(@Bind("id") UUID id, @Bind("by") UUID by, @Bind("at") Instant at);

    @SqlQuery("SELECT sha256 FROM evidence ORDER BY uploaded_at DESC, id LIMIT :limit")
    List<String> latestHashes(@Bind("limit") int limit);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM evidence WHERE sha256 = :sha256)")
    boolean referenced(@Bind("sha256") String sha256);

    /**
     * Serialises everything done to one stored file (placing it, recording it, removing an orphan) across
     * requests and servers, until the transaction ends.
     */
    @SqlQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)")
    int lockContent(@Bind("key") long key);

    /**
     * The status of the award's claim, if the claim is one of this award's. The share lock holds the status until
     * the transaction ends, so a claim cannot be approved between this check and the change that relied on it.
     */
    @SqlQuery("SELECT status FROM claims WHERE id = :claimId AND award_id = :awardId FOR SHARE")
    Optional<String> claimStatus(@Bind("awardId") UUID awardId, @Bind("claimId") UUID claimId);
}
