package wales.gov.grants.users;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(UserMapper.class)
public interface UserDao {
    @SqlQuery("SELECT * FROM users WHERE id = :id")
    Optional<User> find(@Bind("id") UUID id);

    @SqlQuery("SELECT * FROM users WHERE username = :username")
    Optional<User> findByUsername(@Bind("username") String username);

    @SqlQuery("SELECT password_hash FROM users WHERE username = :username")
    Optional<String> passwordHash(@Bind("username") String username);

    @SqlUpdate("""
            INSERT INTO users (username, password_hash, display_name, role, organisation_id, demo)
            VALUES (:username, :passwordHash, :displayName, :role, :organisationId, :demo)
            ON CONFLICT (username) DO NOTHING""")
    int insertIfAbsent(@Bind("username") String username, @Bind("passwordHash") String passwordHash,
                       @Bind("displayName") String displayName, @Bind("role") String role,
                       @Bind("organisationId") UUID organisationId, @Bind("demo") boolean demo);

    @SqlUpdate("""
            INSERT INTO api_tokens (user_id, token_hash, created_at, expires_at)
            VALUES (:userId, :tokenHash, :createdAt, :expiresAt)""")
    void insertToken(@Bind("userId") UUID userId, @Bind("tokenHash") byte[] tokenHash,
                     @Bind("createdAt") Instant createdAt, @Bind("expiresAt") Instant expiresAt);

    @SqlQuery("""
            SELECT users.* FROM api_tokens JOIN users ON users.id = api_tokens.user_id
            WHERE api_tokens.token_hash = :tokenHash AND api_tokens.revoked_at IS NULL
              AND api_tokens.expires_at > :now""")
    Optional<User> findByToken(@Bind("tokenHash") byte[] tokenHash, @Bind("now") Instant now);
}
