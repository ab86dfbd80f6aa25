package wales.gov.grants.outcomes;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import wales.gov.grants.kernel.AwardId;

import static wales.gov.grants.database.Columns.instant;
import static wales.gov.grants.database.Columns.uuid;

public final class OutcomeReportMapper implements RowMapper<OutcomeReport> {
    @Override
    public OutcomeReport map(ResultSet row, StatementContext context) throws SQLException {
        return new OutcomeReport(uuid(row, "id"), new AwardId(uuid(row, "award_id")), row.getString("measure"),
                row.getObject("period_end", java.time.LocalDate.class), row.getBigDecimal("value"),
                row.getString("note"), row.getString("reported_by"), instant(row, "reported_at"));
    }
}
