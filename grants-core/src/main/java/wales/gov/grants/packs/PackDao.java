package wales.gov.grants.packs;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import wales.gov.grants.awards.AwardMapper;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimAdjustment;
import wales.gov.grants.claims.ClaimMappers;
import wales.gov.grants.claims.Payment;
import wales.gov.grants.evidence.Evidence;
import wales.gov.grants.evidence.EvidenceDao;
import wales.gov.grants.evidence.EvidenceMapper;

/**
 * What an audit pack reads, an award at a time and each kind of record in one query, so that a pack of thousands
 * of claims costs a few statements, not a few per claim. Run inside one read-only repeatable-read transaction: the
 * pack shows one consistent state.
 */
@RegisterRowMapper(AwardMapper.class)
@RegisterRowMapper(ClaimMappers.ClaimMapper.class)
@RegisterRowMapper(ClaimMappers.PaymentMapper.class)
@RegisterRowMapper(ClaimMappers.AdjustmentMapper.class)
@RegisterRowMapper(EvidenceMapper.class)
public interface PackDao {
    /** Who did each step of the award's lifecycle, by user name. */
    @SqlQuery("""
            SELECT creator.username AS created_by, offerer.username AS offered_by, accepter.username AS accepted_by,
                   closer.username AS closed_by, withdrawer.username AS withdrawn_by
            FROM awards
            JOIN users creator ON creator.id = awards.created_by
            LEFT JOIN users offerer ON offerer.id = awards.offered_by
            LEFT JOIN users accepter ON accepter.id = awards.accepted_by
            LEFT JOIN users closer ON closer.id = awards.closed_by
            LEFT JOIN users withdrawer ON withdrawer.id = awards.withdrawn_by
            WHERE awards.id = :awardId""")
    @RegisterConstructorMapper(AwardPeople.class)
    Optional<AwardPeople> people(@Bind("awardId") UUID awardId);

    @SqlQuery("SELECT id FROM awards WHERE scheme_id = :schemeId ORDER BY created_at, id")
    List<UUID> awardsOfScheme(@Bind("schemeId") UUID schemeId);

    @SqlQuery("""
            SELECT claims.*, awards.scheme_id, awards.organisation_id FROM claims
            JOIN awards ON awards.id = claims.award_id
            WHERE claims.award_id = :awardId ORDER BY claims.period_start, claims.created_at, claims.id""")
    List<Claim> claims(@Bind("awardId") UUID awardId);

    /** Who made and submitted each claim of the award. */
    @SqlQuery("""
            SELECT claims.id AS claim_id, creator.username AS created_by, submitter.username AS submitted_by
            FROM claims
            JOIN users creator ON creator.id = claims.created_by
            LEFT JOIN users submitter ON submitter.id = claims.submitted_by
            WHERE claims.award_id = :awardId""")
    @RegisterConstructorMapper(ClaimPeople.class)
    List<ClaimPeople> claimPeople(@Bind("awardId") UUID awardId);

    @SqlQuery("""
            SELECT payments.*, users.username AS recorded_by_username
            FROM payments JOIN users ON users.id = payments.recorded_by
            JOIN claims ON claims.id = payments.claim_id
            WHERE claims.award_id = :awardId ORDER BY payments.paid_on, payments.recorded_at, payments.id""")
    List<Payment> payments(@Bind("awardId") UUID awardId);

    @SqlQuery("""
            SELECT claim_adjustments.*, users.username AS made_by_username
            FROM claim_adjustments JOIN users ON users.id = claim_adjustments.made_by
            JOIN claims ON claims.id = claim_adjustments.claim_id
            WHERE claims.award_id = :awardId ORDER BY claim_adjustments.made_at, claim_adjustments.id""")
    List<ClaimAdjustment> adjustments(@Bind("awardId") UUID awardId);

    @SqlQuery(EvidenceDao.SELECT + "WHERE e.award_id = :awardId ORDER BY e.uploaded_at, e.id")
    List<Evidence> evidence(@Bind("awardId") UUID awardId);

    /** The people of an award's lifecycle, by user name; a step not yet taken has none. */
    record AwardPeople(String createdBy, String offeredBy, String acceptedBy, String closedBy, String withdrawnBy) {
    }

    record ClaimPeople(UUID claimId, String createdBy, String submittedBy) {
    }
}
