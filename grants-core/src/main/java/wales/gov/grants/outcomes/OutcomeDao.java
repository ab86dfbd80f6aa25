package wales.gov.grants.outcomes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(OutcomeReportMapper.class)
public interface OutcomeDao {
    @SqlQuery("SELECT id FROM outcome_targets WHERE award_id = :awardId AND measure = :measure")
    Optional<UUID> targetId(@Bind("awardId") UUID awardId, @Bind("measure") String measure);

    @SqlUpdate("""
            INSERT INTO outcome_reports (id, award_id, target_id, period_end, value, note, reported_by, reported_at)
            VALUES (:id, :awardId, :targetId, :periodEnd, :value, :note, :reportedBy, :reportedAt)""")
    void insert(@Bind("id") UUID id, @Bind("awardId") UUID awardId, @Bind("targetId") UUID targetId,
                @Bind("periodEnd") LocalDate periodEnd, @Bind("value") BigDecimal value, @Bind("note") String note,
                @Bind("reportedBy") UUID reportedBy, @Bind("reportedAt") Instant reportedAt);

    @SqlQuery("""
            SELECT r.id, r.award_id, t.measure, r.period_end, r.value, r.note, u.username AS reported_by, r.reported_at
            FROM outcome_reports r
            JOIN outcome_targets t ON t.id = r.target_id
            JOIN users u ON u.id = r.reported_by
            WHERE r.award_id = :awardId
            ORDER BY t.position, r.period_end, r.reported_at, r.id""")
    List<OutcomeReport> reports(@Bind("awardId") UUID awardId);

    @SqlQuery("""
            SELECT r.id, r.award_id, t.measure, r.period_end, r.value, r.note, u.username AS reported_by, r.reported_at
            FROM outcome_reports r
            JOIN outcome_targets t ON t.id = r.target_id
            JOIN users u ON u.id = r.reported_by
            WHERE r.id = :id""")
    Optional<OutcomeReport> find(@Bind("id") UUID id);
}
