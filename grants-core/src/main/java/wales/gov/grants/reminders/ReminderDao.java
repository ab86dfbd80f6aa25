package wales.gov.grants.reminders;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What the reminder rules read, and the outbox they write to. */
@RegisterConstructorMapper(ReminderDao.AwardRow.class)
@RegisterConstructorMapper(ReminderDao.ClaimedPeriod.class)
@RegisterConstructorMapper(ReminderDao.UnsupportedClaim.class)
@RegisterConstructorMapper(ReminderDao.UnreportedTarget.class)
public interface ReminderDao {
    String SCHEME_COLUMNS = """
            schemes.financial_year, schemes.name_en AS scheme_name_en, schemes.name_cy AS scheme_name_cy""";

    @SqlQuery("SELECT awards.id AS award_id, awards.organisation_id, awards.amount_pence, awards.offered_at, "
            + "awards.accepted_at, " + SCHEME_COLUMNS + """
             FROM awards JOIN schemes ON schemes.id = awards.scheme_id
            WHERE awards.status = :status ORDER BY awards.id""")
    List<AwardRow> awards(@Bind("status") String status);

    /** The periods of the claims made on ACTIVE awards; a draft is not made yet, and a rejected claim frees its period. */
    @SqlQuery("""
            SELECT claims.award_id, claims.period_start, claims.period_end
            FROM claims JOIN awards ON awards.id = claims.award_id
            WHERE awards.status = 'ACTIVE' AND claims.status IN ('SUBMITTED', 'QUERIED', 'APPROVED', 'PAID')""")
    List<ClaimedPeriod> claimedPeriodsOfActiveAwards();

    /** As the audit pack's check "evidence for every approved claim": evidence for the claim, not removed. */
    @SqlQuery("SELECT claims.id AS claim_id, claims.award_id, awards.organisation_id, claims.period_start, "
            + "claims.period_end, claims.decided_at, " + SCHEME_COLUMNS + """
             FROM claims JOIN awards ON awards.id = claims.award_id JOIN schemes ON schemes.id = awards.scheme_id
            WHERE claims.status IN ('APPROVED', 'PAID') AND awards.status IN ('ACTIVE', 'CLOSED')
              AND NOT EXISTS (SELECT 1 FROM evidence
                              WHERE evidence.claim_id = claims.id AND evidence.removed_at IS NULL)
            ORDER BY claims.id""")
    List<UnsupportedClaim> approvedClaimsWithoutEvidence();

    /** As the audit pack's check "an outcome for every target": a target with no report at all. */
    @SqlQuery("SELECT outcome_targets.id AS target_id, awards.id AS award_id, awards.organisation_id, "
            + "outcome_targets.measure, outcome_targets.description, outcome_targets.target, " + SCHEME_COLUMNS + """
             FROM outcome_targets JOIN awards ON awards.id = outcome_targets.award_id
                 JOIN schemes ON schemes.id = awards.scheme_id
            WHERE awards.status = 'ACTIVE'
              AND NOT EXISTS (SELECT 1 FROM outcome_reports WHERE outcome_reports.target_id = outcome_targets.id)
            ORDER BY outcome_targets.id""")
    List<UnreportedTarget> targetsWithoutOutcome();

    /** Writes the reminder unless it was written before: its id if new, empty if it already was. */
    @SqlQuery("""
            INSERT INTO reminders (kind, organisation_id, award_id, subject_type, subject_id, period, due_on,
                                   message_en, message_cy, created_at)
            VALUES (:kind, :organisationId, :awardId, :subjectType, :subjectId, :period, :dueOn,
                    :messageEn, :messageCy, :createdAt)
            ON CONFLICT ON CONSTRAINT uq_reminders_kind_subject_period DO NOTHING
            RETURNING id""")
    Optional<UUID> insertIfNew(@Bind("kind") String kind, @Bind("organisationId") UUID organisationId,
                               @Bind("awardId") UUID awardId, @Bind("subjectType") String subjectType,
                               @Bind("subjectId") UUID subjectId, @Bind("period") String period,
                               @Bind("dueOn") LocalDate dueOn, @Bind("messageEn") String messageEn,
                               @Bind("messageCy") String messageCy, @Bind("createdAt") Instant createdAt);

    record AwardRow(UUID awardId, UUID organisationId, long amountPence, Instant offeredAt, Instant acceptedAt,
                    String financialYear, String schemeNameEn, String schemeNameCy) {
    }

    record ClaimedPeriod(UUID awardId, LocalDate periodStart, LocalDate periodEnd) {
    }

    record UnsupportedClaim(UUID claimId, UUID awardId, UUID organisationId, LocalDate periodStart,
                            LocalDate periodEnd, Instant decidedAt, String financialYear, String schemeNameEn,
                            String schemeNameCy) {
    }

    record UnreportedTarget(UUID targetId, UUID awardId, UUID organisationId, String measure, String description,
                            BigDecimal target, String financialYear, String schemeNameEn, String schemeNameCy) {
    }
}
