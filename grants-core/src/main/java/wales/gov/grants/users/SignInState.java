package wales.gov.grants.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import static wales.gov.grants.database.Columns.instant;

/**
 * What one password sign-in reads, in one query: the user as the database has it now (null if unknown), and the
 * shared throttle's counts for its username and client address.
 *
 * @param usernameLimitReachedAt the failure that brought the username to its limit, null if under it
 * @param addressLimitReachedAt the same for the client address
 * @param usernameThrottledInWindow an attempt refused for this username's limit is recorded in the window
 * @param addressThrottledInWindow the same for the client address
 */
public record SignInState(User user, String passwordHash, boolean usernameFailed, Instant usernameLimitReachedAt,
                          Instant addressLimitReachedAt, boolean usernameThrottledInWindow,
                          boolean addressThrottledInWindow) {
    public static final class Mapper implements RowMapper<SignInState> {
        private final UserMapper users = new UserMapper();

        @Override
        public SignInState map(ResultSet row, StatementContext context) throws SQLException {
            boolean known = row.getObject("id") != null;
            return new SignInState(known ? users.map(row, context) : null,
                    known ? row.getString("password_hash") : null,
                    row.getBoolean("username_failed"), instant(row, "username_limit_reached_at"),
                    instant(row, "address_limit_reached_at"), row.getBoolean("username_throttled_in_window"),
                    row.getBoolean("address_throttled_in_window"));
        }
    }
}
