package wales.gov.grants.awards;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(AwardMapper.class)
public interface AwardDao {
    @SqlQuery("SELECT * FROM awards WHERE id = :id")
    Optional<Award> find(@Bind("id") UUID id);

    /** Locks the award row: transitions and the running totals change only under this lock. */
    @SqlQuery("SELECT * FROM awards WHERE id = :id FOR UPDATE")
    Optional<Award> findForUpdate(@Bind("id") UUID id);

    /** The optional filters of the award list, shared by a page and its count. */
    String FILTER = """
             WHERE (CAST(:schemeId AS uuid) IS NULL OR scheme_id = :schemeId)
              AND (CAST(:organisationId AS uuid) IS NULL OR organisation_id = :organisationId)
              AND (CAST(:status AS text) IS NULL OR status = :status)""";

    @SqlQuery("SELECT * FROM awards " + FILTER + " ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<Award> page(@Bind("schemeId") UUID schemeId, @Bind("organisationId") UUID organisationId,
                     @Bind("status") String status, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM awards " + FILTER)
    long count(@Bind("schemeId") UUID schemeId, @Bind("organisationId") UUID organisationId,
               @Bind("status") String status);

    @SqlUpdate("""
            INSERT INTO awards (id, scheme_id, organisation_id, amount_pence, status, created_by, created_at)
            VALUES (:id, :schemeId, :organisationId, :amountPence, 'DRAFT', :createdBy, :createdAt)""")
    void insert(@Bind("id") UUID id, @Bind("schemeId") UUID schemeId, @Bind("organisationId") UUID organisationId,
                @Bind("amountPence") long amountPence, @Bind("createdBy") UUID createdBy,
                @Bind("createdAt") Instant createdAt);

    @SqlUpdate("INSERT INTO award_conditions (award_id, position, text) VALUES (:awardId, :position, :text)")
    void insertCondition(@Bind("awardId") UUID awardId, @Bind("position") int position, @Bind("text") String text);

    @SqlUpdate("""
            INSERT INTO outcome_targets (award_id, position, measure, description, target)
            VALUES (:awardId, :position, :measure, :description, :target)""")
    void insertTarget(@Bind("awardId") UUID awardId, @Bind("position") int position, @Bind("measure") String measure,
                      @Bind("description") String description, @Bind("target") BigDecimal target);

    @SqlQuery("SELECT award_id, text FROM award_conditions WHERE award_id = ANY(:awardIds) ORDER BY award_id, position")
    @RegisterConstructorMapper(ConditionRow.class)
    List<ConditionRow> conditions(@Bind("awardIds") UUID[] awardIds);

    @SqlQuery("""
            SELECT award_id, measure, description, target FROM outcome_targets
            WHERE award_id = ANY(:awardIds) ORDER BY award_id, position""")
    @RegisterConstructorMapper(TargetRow.class)
    List<TargetRow> targets(@Bind("awardIds") UUID[] awardIds);

    /* Each transition records who made it and when in its own columns; the status comes from the transition. */

    @SqlUpdate("UPDATE awards SET status = :status, offered_by = :by, offered_at = :at WHERE id = :id")
    void markOffered(@Bind("id") UUID id, @Bind("status") AwardStatus status, @Bind("by") UUID by,
                     @Bind("at") Instant at);

    @SqlUpdate("UPDATE awards SET status = :status, accepted_by = :by, accepted_at = :at WHERE id = :id")
    void markAccepted(@Bind("id") UUID id, @Bind("status") AwardStatus status, @Bind("by") UUID by,
                      @Bind("at") Instant at);

    @SqlUpdate("UPDATE awards SET status = :status, withdrawn_by = :by, withdrawn_at = :at WHERE id = :id")
    void markWithdrawn(@Bind("id") UUID id, @Bind("status") AwardStatus status, @Bind("by") UUID by,
                       @Bind("at") Instant at);

    @SqlUpdate("UPDATE awards SET status = :status, closed_by = :by, closed_at = :at WHERE id = :id")
    void markClosed(@Bind("id") UUID id, @Bind("status") AwardStatus status, @Bind("by") UUID by,
                    @Bind("at") Instant at);

    /**
     * The claims of an award still waiting for a decision (SUBMITTED, or QUERIED and waiting for the recipient's
     * answer) or for money (APPROVED, not fully paid): closing leaves them as they are, so it reports them. A DRAFT
     * has not been claimed and is not counted.
     */
    @SqlQuery("""
            SELECT count(*) FILTER (WHERE status IN ('SUBMITTED', 'QUERIED')) AS undecided,
                   count(*) FILTER (WHERE status = 'APPROVED' AND paid_pence < eligible_pence) AS unpaid
            FROM claims WHERE award_id = :awardId""")
    @RegisterConstructorMapper(UnfinishedClaims.class)
    UnfinishedClaims unfinished(@Bind("awardId") UUID awardId);

    /** Every award of the schemes of a financial year, optionally of one organisation only. */
    @SqlQuery("""
            SELECT awards.* FROM awards JOIN schemes ON schemes.id = awards.scheme_id
            WHERE schemes.financial_year = :financialYear
              AND (CAST(:organisationId AS uuid) IS NULL OR awards.organisation_id = :organisationId)
            ORDER BY schemes.code, awards.created_at, awards.id""")
    List<Award> ofFinancialYear(@Bind("financialYear") String financialYear,
                                @Bind("organisationId") UUID organisationId);

    /** The schemes' awards that still count (every status but WITHDRAWN), as scheme and organisation pairs. */
    @SqlQuery("""
            SELECT DISTINCT scheme_id, organisation_id FROM awards
            WHERE scheme_id = ANY(:schemeIds) AND status <> 'WITHDRAWN'""")
    @RegisterConstructorMapper(SchemeOrganisation.class)
    List<SchemeOrganisation> liveRecipients(@Bind("schemeIds") UUID[] schemeIds);

    record SchemeOrganisation(UUID schemeId, UUID organisationId) {
    }

    record ConditionRow(UUID awardId, String text) {
    }

    record TargetRow(UUID awardId, String measure, String description, BigDecimal target) {
    }
}
