package wales.gov.grants.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.UserId;

import static wales.gov.grants.database.Columns.instant;
import static wales.gov.grants.database.Columns.uuid;

public final class UserMapper implements RowMapper<User> {
    @Override
    public User map(ResultSet row, StatementContext context) throws SQLException {
        UUID organisation = uuid(row, "organisation_id");
        return new User(new UserId(uuid(row, "id")), row.getString("username"), row.getString("display_name"),
                Role.valueOf(row.getString("role")),
                organisation == null ? null : new OrganisationId(organisation),
                row.getBoolean("demo"), row.getBoolean("enabled"), instant(row, "created_at"));
    }
}
