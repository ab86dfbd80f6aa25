package wales.gov.grants.batch.export;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The awards of a year as the export publishes them: read only, one row per award with what names it. */
public interface GrantExportDao {
    /**
     * Awards that were made: offered, active or closed. A draft is not yet a decision and a withdrawn award was
     * never made (or was taken back before acceptance), so neither is published. Last modified is the award's
     * latest audit event: every change to an award, its claims and its money is one.
     */
    @SqlQuery("""
            SELECT awards.id AS award_id, awards.status, awards.amount_pence, awards.paid_pence,
                   awards.offered_at, awards.created_at,
                   schemes.code AS scheme_code, schemes.name_en AS scheme_name_en, schemes.financial_year,
                   organisations.code AS organisation_code, organisations.name_en AS organisation_name_en,
                   organisations.name_cy AS organisation_name_cy, organisations.type AS organisation_type,
                   (SELECT max(occurred_at) FROM audit_events WHERE audit_events.award_id = awards.id) AS last_event_at
            FROM awards
            JOIN schemes ON schemes.id = awards.scheme_id
            JOIN organisations ON organisations.id = awards.organisation_id
            WHERE schemes.financial_year = :financialYear AND awards.status IN ('OFFERED', 'ACTIVE', 'CLOSED')
            ORDER BY schemes.code, organisations.code, awards.created_at, awards.id""")
    @RegisterConstructorMapper(ExportedAward.class)
    List<ExportedAward> awards(@Bind("financialYear") String financialYear);

    record ExportedAward(UUID awardId, String status, long amountPence, long paidPence, Instant offeredAt,
                         Instant createdAt, String schemeCode, String schemeNameEn, String financialYear,
                         String organisationCode, String organisationNameEn, String organisationNameCy,
                         String organisationType, Instant lastEventAt) {
    }
}
