package wales.gov.grants.claims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import wales.gov.grants.awards.Award;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.UserId;
import wales.gov.grants.recoveries.TotalsDao;

import static java.util.Objects.requireNonNull;

/**
 * The locks of a change to one claim, the lines and approvals of claims, and the statements of a submission and an
 * approval. Apart from {@link ClaimDao} because JDBI prepares every method of a SQL Object each time one is
 * attached, and these run on every claim decision: keep this interface to what that busiest path needs. It carries
 * the running totals' statements too, as each attach also has a fixed cost of its own.
 */
@RegisterRowMapper(ClaimMappers.ClaimMapper.class)
@RegisterRowMapper(ClaimMappers.AwardOfClaimMapper.class)
@RegisterRowMapper(ClaimMappers.DetailRowMapper.class)
public interface ClaimDecisionDao extends TotalsDao {
    /**
     * Locks the award of a claim, found by the claim's id in the same statement, and reads what deciding the claim
     * needs with it. The first lock of every change to a claim; the claim's own lock comes next.
     */
    @SqlQuery("""
            SELECT awards.*, schemes.dual_approval_threshold_pence
            FROM awards JOIN schemes ON schemes.id = awards.scheme_id
            WHERE awards.id = (SELECT claims.award_id FROM claims WHERE claims.id = :claimId)
            FOR UPDATE OF awards""")
    Optional<AwardOfClaim> lockAwardOfClaim(@Bind("claimId") UUID claimId);

    /** Locks the claim row. Take the award's lock first: every change to a claim queues on its award. */
    @SqlQuery(ClaimDao.SELECT_CLAIM + " WHERE claims.id = :id FOR UPDATE OF claims")
    Optional<Claim> findForUpdate(@Bind("id") UUID id);

    /**
     * The lines (in their order) and approvals (oldest first) of claims, in one round trip: every read of a claim
     * needs both. A row is a line or an approval, the other's columns NULL.
     */
    @SqlQuery("""
            SELECT claim_id, position, category, description, amount_pence,
                   NULL::uuid AS approver_id, NULL::text AS username, NULL::timestamptz AS approved_at,
                   NULL::uuid AS on_behalf_of, NULL::text AS on_behalf_of_username,
                   NULL::text[] AS acknowledged_warnings, NULL::text AS acknowledgement_reason
            FROM claim_lines WHERE claim_id = ANY(:claimIds)
            UNION ALL
            SELECT claim_approvals.claim_id, NULL, NULL, NULL, NULL,
                   claim_approvals.approver_id, users.username, claim_approvals.approved_at,
                   claim_approvals.on_behalf_of, delegators.username, claim_approvals.acknowledged_warnings,
                   claim_approvals.acknowledgement_reason
            FROM claim_approvals JOIN users ON users.id = claim_approvals.approver_id
            LEFT JOIN users delegators ON delegators.id = claim_approvals.on_behalf_of
            WHERE claim_approvals.claim_id = ANY(:claimIds)
            ORDER BY claim_id, position, approved_at""")
    List<DetailRow> details(@Bind("claimIds") UUID[] claimIds);

    @SqlQuery("""
            UPDATE claims SET status = :status, submitted_by = :by, submitted_at = :at
            FROM awards WHERE claims.id = :id AND awards.id = claims.award_id
            RETURNING claims.*, awards.scheme_id, awards.organisation_id""")
    Claim markSubmitted(@Bind("id") UUID id, @Bind("status") ClaimStatus status, @Bind("by") UUID by,
                        @Bind("at") Instant at);

    /**
     * @param onBehalfOf the delegator when {@code delegationId} is set, else null
     * @param acknowledgedWarnings the keys of the warnings acknowledged with {@code reason}, or null for none
     * @return the approval's time as stored
     */
    @SqlQuery("""
            INSERT INTO claim_approvals (claim_id, approver_id, approved_at, on_behalf_of, delegation_id,
                                         acknowledged_warnings, acknowledgement_reason)
            VALUES (:claimId, :approverId, :at, :onBehalfOf, :delegationId, :acknowledgedWarnings, :reason)
            RETURNING approved_at""")
    Instant insertApproval(@Bind("claimId") UUID claimId, @Bind("approverId") UUID approverId,
                           @Bind("at") Instant at, @Bind("onBehalfOf") UUID onBehalfOf,
                           @Bind("delegationId") UUID delegationId,
                           @Bind("acknowledgedWarnings") String[] acknowledgedWarnings, @Bind("reason") String reason);

    @SqlQuery("""
            UPDATE claims SET status = :status, eligible_pence = claims.amount_pence, decided_by = :by,
                              decided_at = :at
            FROM awards WHERE claims.id = :id AND awards.id = claims.award_id
            RETURNING claims.*, awards.scheme_id, awards.organisation_id""")
    Claim markApproved(@Bind("id") UUID id, @Bind("status") ClaimStatus status, @Bind("by") UUID by,
                       @Bind("at") Instant at);

    /** The claims with their lines and approvals, read in one round trip. */
    default List<Claim> withLinesAndApprovals(List<Claim> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        UUID[] ids = rows.stream().map(claim -> claim.id().value()).toArray(UUID[]::new);
        Map<UUID, List<ClaimLine>> lines = new HashMap<>();
        Map<UUID, List<ClaimApproval>> approvals = new HashMap<>();
        for (DetailRow row : details(ids)) {
            if (row.line() != null) {
                lines.computeIfAbsent(row.claimId(), claim -> new ArrayList<>()).add(row.line());
            } else {
                approvals.computeIfAbsent(row.claimId(), claim -> new ArrayList<>()).add(row.approval());
            }
        }
        return rows.stream()
                .map(claim -> claim.withLinesAndApprovals(lines.getOrDefault(claim.id().value(), List.of()),
                        approvals.getOrDefault(claim.id().value(), List.of())))
                .toList();
    }

    /** A claim's award under its row lock, with who offered it and its scheme's dual approval threshold. */
    record AwardOfClaim(Award award, UserId offeredBy, Money dualApprovalThreshold) {
        public AwardOfClaim {
            requireNonNull(award, "award is null");
            requireNonNull(dualApprovalThreshold, "dualApprovalThreshold is null");
        }
    }

    /** One line or one approval of a claim: exactly one of them is set. */
    record DetailRow(UUID claimId, ClaimLine line, ClaimApproval approval) {
        public DetailRow {
            requireNonNull(claimId, "claimId is null");
            if ((line == null) == (approval == null)) {
                throw new IllegalArgumentException("a detail row is a line or an approval");
            }
        }
    }
}
