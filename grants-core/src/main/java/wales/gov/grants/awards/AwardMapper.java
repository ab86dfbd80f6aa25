package wales.gov.grants.awards;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.UserId;

import static wales.gov.grants.database.Columns.instant;
import static wales.gov.grants.database.Columns.money;
import static wales.gov.grants.database.Columns.optionalMoney;
import static wales.gov.grants.database.Columns.uuid;

/** Maps an award row without its conditions and targets, which live in their own tables. */
public final class AwardMapper implements RowMapper<Award> {
    @Override
    public Award map(ResultSet row, StatementContext context) throws SQLException {
        return new Award(new AwardId(uuid(row, "id")), new SchemeId(uuid(row, "scheme_id")),
                new OrganisationId(uuid(row, "organisation_id")), money(row, "amount_pence"),
                AwardStatus.valueOf(row.getString("status")), money(row, "claimed_pence"),
                money(row, "approved_pence"), money(row, "paid_pence"), money(row, "recovered_pence"),
                List.of(), List.of(), new UserId(uuid(row, "created_by")), instant(row, "created_at"),
                instant(row, "offered_at"), instant(row, "accepted_at"), instant(row, "withdrawn_at"),
                instant(row, "closed_at"), optionalMoney(row, "underspend_pence"));
    }
}
