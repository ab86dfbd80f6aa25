package wales.gov.grants.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import wales.gov.grants.kernel.TokenId;
import wales.gov.grants.kernel.UserId;

import static java.util.Objects.requireNonNull;
import static wales.gov.grants.database.Columns.instant;
import static wales.gov.grants.database.Columns.uuid;

/**
 * A bearer token as its owner and administrators see it: never the token itself, which is stored only as a hash.
 *
 * @param lastUsedAt the last sign-in with it, to the minute (null if never used); see {@link TokenDao#findLive}
 * @param createdFrom the client address it was issued to, null for tokens older than the column
 */
public record ApiToken(TokenId id, UserId userId, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                       String createdFrom, Instant revokedAt) {
    public ApiToken {
        requireNonNull(id, "id is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
    }

    public static final class Mapper implements RowMapper<ApiToken> {
        @Override
        public ApiToken map(ResultSet row, StatementContext context) throws SQLException {
            return new ApiToken(new TokenId(uuid(row, "id")), new UserId(uuid(row, "user_id")),
                    instant(row, "created_at"), instant(row, "expires_at"), instant(row, "last_used_at"),
                    row.getString("created_from"), instant(row, "revoked_at"));
        }
    }
}
