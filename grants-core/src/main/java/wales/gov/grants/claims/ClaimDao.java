package wales.gov.grants.claims;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import wales.gov.grants.audit.RecordedEvent;
import wales.gov.grants.audit.RecordedEventMapper;

@RegisterRowMapper(ClaimMappers.ClaimMapper.class)
@RegisterRowMapper(ClaimMappers.PaymentMapper.class)
@RegisterRowMapper(ClaimMappers.AdjustmentMapper.class)
@RegisterRowMapper(RecordedEventMapper.class)
public interface ClaimDao {
    String SELECT_CLAIM = """
            SELECT claims.*, awards.scheme_id, awards.organisation_id
            FROM claims JOIN awards ON awards.id = claims.award_id""";

    @SqlQuery(SELECT_CLAIM + " WHERE claims.id = :id")
    Optional<Claim> find(@Bind("id") UUID id);

    @SqlQuery(SELECT_CLAIM + " WHERE claims.award_id = :awardId AND claims.status <> 'REJECTED'"
            + " AND claims.period_start <= :periodEnd AND claims.period_end >= :periodStart ORDER BY claims.period_start")
    List<Claim> holdingPeriod(@Bind("awardId") UUID awardId, @Bind("periodStart") LocalDate periodStart,
                              @Bind("periodEnd") LocalDate periodEnd);

    /** The optional filters of the claim list, shared by a page and its count. */
    String FILTER = """
            WHERE (CAST(:awardId AS uuid) IS NULL OR claims.award_id = :awardId)
              AND (CAST(:schemeId AS uuid) IS NULL OR awards.scheme_id = :schemeId)
              AND (CAST(:organisationId AS uuid) IS NULL OR awards.organisation_id = :organisationId)
              AND (CAST(:status AS text) IS NULL OR claims.status = :status)""";

    @SqlQuery(SELECT_CLAIM + " " + FILTER
            + " ORDER BY claims.submitted_at NULLS LAST, claims.created_at, claims.id LIMIT :limit OFFSET :offset")
    List<Claim> page(@Bind("awardId") UUID awardId, @Bind("schemeId") UUID schemeId,
                     @Bind("organisationId") UUID organisationId, @Bind("status") String status,
                     @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM claims JOIN awards ON awards.id = claims.award_id " + FILTER)
    long count(@Bind("awardId") UUID awardId, @Bind("schemeId") UUID schemeId,
               @Bind("organisationId") UUID organisationId, @Bind("status") String status);

    @SqlUpdate("""
            INSERT INTO claims (id, award_id, period_start, period_end, status, amount_pence, created_by, created_at)
            VALUES (:id, :awardId, :periodStart, :periodEnd, 'DRAFT', :amountPence, :createdBy, :createdAt)""")
    void insert(@Bind("id") UUID id, @Bind("awardId") UUID awardId, @Bind("periodStart") LocalDate periodStart,
                @Bind("periodEnd") LocalDate periodEnd, @Bind("amountPence") long amountPence,
                @Bind("createdBy") UUID createdBy, @Bind("createdAt") Instant createdAt);

    @SqlUpdate("""
            INSERT INTO claim_lines (claim_id, position, category, description, amount_pence, description_key)
            VALUES (:claimId, :position, :category, :description, :amountPence, :descriptionKey)""")
    void insertLine(@Bind("claimId") UUID claimId, @Bind("position") int position, @Bind("category") String category,
                    @Bind("description") String description, @Bind("amountPence") long amountPence,
                    @Bind("descriptionKey") String descriptionKey);

    @SqlUpdate("""
            UPDATE claims SET period_start = :periodStart, period_end = :periodEnd, amount_pence = :amountPence
            WHERE id = :id""")
    void amend(@Bind("id") UUID id, @Bind("periodStart") LocalDate periodStart,
               @Bind("periodEnd") LocalDate periodEnd, @Bind("amountPence") long amountPence);

    @SqlUpdate("DELETE FROM claim_lines WHERE claim_id = :claimId")
    void deleteLines(@Bind("claimId") UUID claimId);

    /** A queried claim comes back for a fresh review, so earlier approvals no longer count (the audit keeps them). */
    @SqlUpdate("DELETE FROM claim_approvals WHERE claim_id = :claimId")
    void clearApprovals(@Bind("claimId") UUID claimId);

    @SqlQuery("""
            UPDATE claims SET status = :status, rejection_reason = :reason, decided_by = :by, decided_at = :at
            FROM awards WHERE claims.id = :id AND awards.id = claims.award_id
            RETURNING claims.*, awards.scheme_id, awards.organisation_id""")
    Claim markRejected(@Bind("id") UUID id, @Bind("status") ClaimStatus status, @Bind("by") UUID by,
                       @Bind("at") Instant at, @Bind("reason") String reason);

    @SqlQuery("""
            UPDATE claims SET status = :status, query_question = :question, decided_by = :by, decided_at = :at
            FROM awards WHERE claims.id = :id AND awards.id = claims.award_id
            RETURNING claims.*, awards.scheme_id, awards.organisation_id""")
    Claim markQueried(@Bind("id") UUID id, @Bind("status") ClaimStatus status, @Bind("by") UUID by,
                      @Bind("at") Instant at, @Bind("question") String question);

    @SqlUpdate("UPDATE claims SET paid_pence = paid_pence + :pence, status = :status WHERE id = :id")
    void addPaid(@Bind("id") UUID id, @Bind("pence") long pence, @Bind("status") ClaimStatus status);

    @SqlUpdate("UPDATE claims SET eligible_pence = :eligiblePence, status = :status WHERE id = :id")
    void setEligible(@Bind("id") UUID id, @Bind("eligiblePence") long eligiblePence,
                     @Bind("status") ClaimStatus status);

    @SqlQuery("""
            INSERT INTO payments (claim_id, amount_pence, paid_on, reference, recorded_by, recorded_at)
            VALUES (:claimId, :amountPence, :paidOn, :reference, :recordedBy, :recordedAt)
            RETURNING id""")
    UUID insertPayment(@Bind("claimId") UUID claimId, @Bind("amountPence") long amountPence,
                       @Bind("paidOn") LocalDate paidOn, @Bind("reference") String reference,
                       @Bind("recordedBy") UUID recordedBy, @Bind("recordedAt") Instant recordedAt);

    @SqlQuery("""
            SELECT payments.*, users.username AS recorded_by_username
            FROM payments JOIN users ON users.id = payments.recorded_by
            WHERE payments.claim_id = :claimId ORDER BY payments.recorded_at, payments.id""")
    List<Payment> payments(@Bind("claimId") UUID claimId);

    @SqlQuery("""
            SELECT payments.*, users.username AS recorded_by_username
            FROM payments JOIN users ON users.id = payments.recorded_by WHERE payments.id = :id""")
    Optional<Payment> payment(@Bind("id") UUID id);

    @SqlQuery("""
            INSERT INTO claim_adjustments (claim_id, amount_pence, reason, eligible_before_pence, eligible_after_pence,
                                           made_by, made_at)
            VALUES (:claimId, :amountPence, :reason, :eligibleBeforePence, :eligibleAfterPence, :madeBy, :madeAt)
            RETURNING id""")
    UUID insertAdjustment(@Bind("claimId") UUID claimId, @Bind("amountPence") long amountPence,
                          @Bind("reason") String reason, @Bind("eligibleBeforePence") long eligibleBeforePence,
                          @Bind("eligibleAfterPence") long eligibleAfterPence, @Bind("madeBy") UUID madeBy,
                          @Bind("madeAt") Instant madeAt);

    @SqlQuery("""
            SELECT claim_adjustments.*, users.username AS made_by_username
            FROM claim_adjustments JOIN users ON users.id = claim_adjustments.made_by
            WHERE claim_adjustments.claim_id = :claimId ORDER BY claim_adjustments.made_at, claim_adjustments.id""")
    List<ClaimAdjustment> adjustments(@Bind("claimId") UUID claimId);

    @SqlQuery("""
            SELECT claim_adjustments.*, users.username AS made_by_username
            FROM claim_adjustments JOIN users ON users.id = claim_adjustments.made_by
            WHERE claim_adjustments.id = :id""")
    Optional<ClaimAdjustment> adjustment(@Bind("id") UUID id);

    /** The claim's audit trail: its transitions, payments and adjustments, oldest first. */
    @SqlQuery("""
            SELECT * FROM audit_events
            WHERE award_id = :awardId
              AND ((object_type = 'claim' AND object_id = :claimId) OR details ->> 'claimId' = :claimId)
            ORDER BY id""")
    List<RecordedEvent> history(@Bind("awardId") UUID awardId, @Bind("claimId") String claimId);
}
