package wales.gov.grants.users;

import java.time.Instant;
import java.util.List;
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

    @SqlQuery("SELECT * FROM users WHERE id = :id FOR UPDATE")
    Optional<User> findForUpdate(@Bind("id") UUID id);

    @SqlQuery("SELECT * FROM users WHERE username = :username")
    Optional<User> findByUsername(@Bind("username") String username);

    @SqlQuery("SELECT password_hash FROM users WHERE username = :username")
    Optional<String> passwordHash(@Bind("username") String username);

    @SqlQuery("SELECT * FROM users ORDER BY username LIMIT :limit OFFSET :offset")
    List<User> page(@Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM users")
    long count();

    @SqlQuery("SELECT count(*) FROM users WHERE demo")
    long countDemo();

    /**
     * Locks every enabled administrator's row, in id order so that two transactions doing this never deadlock. One
     * that waited re-reads the rows it locks: an administrator disabled meanwhile is no longer among them.
     */
    @SqlQuery("SELECT id FROM users WHERE role = 'ADMIN' AND enabled ORDER BY id FOR UPDATE")
    List<UUID> lockEnabledAdministrators();

    @SqlUpdate("""
            INSERT INTO users (username, password_hash, display_name, role, organisation_id, demo)
            VALUES (:username, :passwordHash, :displayName, :role, :organisationId, :demo)
            ON CONFLICT (username) DO NOTHING""")
    int insertIfAbsent(@Bind("username") String username, @Bind("passwordHash") String passwordHash,
                       @Bind("displayName") String displayName, @Bind("role") String role,
                       @Bind("organisationId") UUID organisationId, @Bind("demo") boolean demo);

    /** @return the new user's id, or empty if the username is taken */
    @SqlQuery("""
            INSERT INTO users (username, password_hash, display_name, role, organisation_id, created_at)
            VALUES (:username, :passwordHash, :displayName, :role, :organisationId, :createdAt)
            ON CONFLICT (username) DO NOTHING
            RETURNING id""")
    Optional<UUID> insert(@Bind("username") String username, @Bind("passwordHash") String passwordHash,
                          @Bind("displayName") String displayName, @Bind("role") String role,
                          @Bind("organisationId") UUID organisationId, @Bind("createdAt") Instant createdAt);

    @SqlUpdate("UPDATE users SET enabled = :enabled WHERE id = :id")
    void setEnabled(@Bind("id") UUID id, @Bind("enabled") boolean enabled);

    @SqlQuery("SELECT password_hash FROM users WHERE id = :id FOR UPDATE")
    Optional<String> lockPasswordHash(@Bind("id") UUID id);

    @SqlUpdate("UPDATE users SET password_hash = :passwordHash WHERE id = :id")
    void setPasswordHash(@Bind("id") UUID id, @Bind("passwordHash") String passwordHash);
}
