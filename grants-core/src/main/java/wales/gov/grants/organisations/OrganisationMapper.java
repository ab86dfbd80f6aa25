package wales.gov.grants.organisations;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import wales.gov.grants.kernel.OrganisationId;

import static wales.gov.grants.database.Columns.uuid;

public final class OrganisationMapper implements RowMapper<Organisation> {
    @Override
    public Organisation map(ResultSet row, StatementContext context) throws SQLException {
        return new Organisation(new OrganisationId(uuid(row, "id")), row.getString("code"),
                row.getString("name_en"), row.getString("name_cy"),
                OrganisationType.valueOf(row.getString("type")));
    }
}
