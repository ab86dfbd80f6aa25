package wales.gov.grants.schemes;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import wales.gov.grants.kernel.FinancialYear;
import wales.gov.grants.kernel.SchemeId;

import static wales.gov.grants.database.Columns.instant;
import static wales.gov.grants.database.Columns.money;
import static wales.gov.grants.database.Columns.uuid;

public final class SchemeMapper implements RowMapper<Scheme> {
    @Override
    public Scheme map(ResultSet row, StatementContext context) throws SQLException {
        return new Scheme(new SchemeId(uuid(row, "id")), row.getString("code"), row.getString("name_en"),
                row.getString("name_cy"), FinancialYear.parse(row.getString("financial_year")),
                money(row, "budget_pence"), money(row, "dual_approval_threshold_pence"),
                money(row, "allocated_pence"), money(row, "approved_pence"), money(row, "paid_pence"),
                instant(row, "created_at"));
    }
}
