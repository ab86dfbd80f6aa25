package wales.gov.grants.claims;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Double funding, found by the database over every award's evidence hashes and claim lines, so every server sees
 * the same findings. A rejected claim funds nothing and is never the other side of a finding; removed evidence
 * supports nothing.
 */
@RegisterRowMapper(ClaimMappers.WarningMapper.class)
public interface WarningDao {
    /**
     * The findings of the claims, ordered by claim and kind. A line repeated within one claim is found once, from
     * its first occurrence. Under one award only a rejected claim frees its period, so an overlapping other claim
     * is one that was made before that rule or around it; the query does not rely on the rule.
     */
    @SqlQuery("""
            SELECT DISTINCT mine.claim_id, 'SHARED_EVIDENCE' AS kind, mine.sha256, NULL::integer AS line_position,
                   other.id AS other_claim_id, other.award_id AS other_award_id,
                   other_award.scheme_id AS other_scheme_id, other_award.organisation_id AS other_organisation_id,
                   other.status AS other_status, NULL::integer AS other_line_position
            FROM evidence mine
            JOIN evidence theirs ON theirs.sha256 = mine.sha256 AND theirs.award_id <> mine.award_id
                 AND theirs.claim_id IS NOT NULL AND theirs.removed_at IS NULL
            JOIN claims other ON other.id = theirs.claim_id AND other.status <> 'REJECTED'
            JOIN awards other_award ON other_award.id = other.award_id
            WHERE mine.claim_id = ANY(:claimIds) AND mine.removed_at IS NULL
            UNION ALL
            SELECT mine.claim_id, 'REPEATED_LINE', NULL, mine.position,
                   other.id, other.award_id, this_award.scheme_id, this_award.organisation_id, other.status,
                   theirs.position
            FROM claim_lines mine
            JOIN claims this ON this.id = mine.claim_id
            JOIN awards this_award ON this_award.id = this.award_id
            JOIN claims other ON other.award_id = this.award_id
                 AND (other.id = this.id OR (other.status <> 'REJECTED'
                      AND other.period_start <= this.period_end AND other.period_end >= this.period_start))
            JOIN claim_lines theirs ON theirs.claim_id = other.id AND theirs.category = mine.category
                 AND theirs.amount_pence = mine.amount_pence AND theirs.description_key = mine.description_key
                 AND (theirs.claim_id <> mine.claim_id OR theirs.position > mine.position)
            WHERE mine.claim_id = ANY(:claimIds)
            ORDER BY claim_id, kind, other_claim_id, sha256, line_position, other_line_position""")
    List<ClaimWarning> warnings(@Bind("claimIds") UUID[] claimIds);

    /** Which of the claims have at least one finding: the work queue's tag. */
    default Set<UUID> claimsWithWarnings(UUID[] claimIds) {
        return warnings(claimIds).stream().map(warning -> warning.claimId().value())
                .collect(Collectors.toSet());
    }
}
