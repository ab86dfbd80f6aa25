package wales.gov.grants.users;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import wales.gov.grants.kernel.TokenId;

import static java.util.Objects.requireNonNull;
import static wales.gov.grants.database.Columns.uuid;

/** A sign-in by bearer token: the user, and which of its tokens it used (which signing out revokes). */
public record TokenSignIn(User user, TokenId token) {
    public TokenSignIn {
        requireNonNull(user, "user is null");
        requireNonNull(token, "token is null");
    }

    public static final class Mapper implements RowMapper<TokenSignIn> {
        private final UserMapper users = new UserMapper();

        @Override
        public TokenSignIn map(ResultSet row, StatementContext context) throws SQLException {
            return new TokenSignIn(users.map(row, context), new TokenId(uuid(row, "token_id")));
        }
    }
}
