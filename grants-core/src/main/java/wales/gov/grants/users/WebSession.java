package wales.gov.grants.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import static java.util.Objects.requireNonNull;
import static wales.gov.grants.database.Columns.instant;

/**
 * A signed-in browser: its user (read as the database has it now), when the session began, the secret its forms
 * carry as their CSRF token, and the language its pages are in ({@code en} or {@code cy}).
 */
public record WebSession(User user, Instant createdAt, String csrfSecret, String language) {
    public WebSession {
        requireNonNull(user, "user is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(csrfSecret, "csrfSecret is null");
        requireNonNull(language, "language is null");
    }

    public static final class Mapper implements RowMapper<WebSession> {
        private final UserMapper users = new UserMapper();

        @Override
        public WebSession map(ResultSet row, StatementContext context) throws SQLException {
            return new WebSession(users.map(row, context), instant(row, "session_created_at"), row.getString("csrf_secret"), row.getString("language"));
        }
    }
}
