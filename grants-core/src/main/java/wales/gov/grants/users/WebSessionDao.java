package wales.gov.grants.users;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Web sessions by the SHA-256 of their id; the id itself is never stored. */
public interface WebSessionDao {
    @SqlUpdate("""
            INSERT INTO web_sessions (id_hash, user_id, created_at, last_seen_at, expires_at, csrf_secret, language)
            VALUES (:idHash, :userId, :now, :now, :expiresAt, :csrfSecret, :language)""")
    void insert(@Bind("idHash") byte[] idHash, @Bind("userId") UUID userId, @Bind("now") Instant now,
                @Bind("expiresAt") Instant expiresAt, @Bind("csrfSecret") String csrfSecret,
                @Bind("language") String language);

    /** The live session and its user as the database has it now; the same statement moves the idle timeout on. */
    @SqlQuery("""
            WITH touched AS (
                UPDATE web_sessions SET last_seen_at = :now, expires_at = :expiresAt
                WHERE id_hash = :idHash AND expires_at > :now
                RETURNING user_id, created_at, csrf_secret, language)
            SELECT users.*, touched.created_at AS session_created_at, touched.csrf_secret, touched.language
            FROM touched JOIN users ON users.id = touched.user_id""")
    @RegisterRowMapper(WebSession.Mapper.class)
    Optional<WebSession> touch(@Bind("idHash") byte[] idHash, @Bind("now") Instant now,
                               @Bind("expiresAt") Instant expiresAt);

    @SqlUpdate("UPDATE web_sessions SET language = :language WHERE id_hash = :idHash")
    int setLanguage(@Bind("idHash") byte[] idHash, @Bind("language") String language);

    /** Deletes the session, live or expired; @return its user if it was live (an expired one ended before) */
    @SqlQuery("""
            DELETE FROM web_sessions WHERE id_hash = :idHash
            RETURNING CASE WHEN expires_at > :now THEN user_id END""")
    Optional<UUID> delete(@Bind("idHash") byte[] idHash, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM web_sessions WHERE expires_at <= :now")
    int deleteExpired(@Bind("now") Instant now);
}
