package wales.gov.grants.users;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Bearer tokens: issued, found at sign-in, listed and revoked. Only a token's SHA-256 is ever stored. */
@RegisterRowMapper(ApiToken.Mapper.class)
public interface TokenDao {
    @SqlUpdate("""
            INSERT INTO api_tokens (user_id, token_hash, created_at, expires_at, created_from)
            VALUES (:userId, :tokenHash, :createdAt, :expiresAt, :createdFrom)""")
    void insert(@Bind("userId") UUID userId, @Bind("tokenHash") byte[] tokenHash, @Bind("createdAt") Instant createdAt,
                @Bind("expiresAt") Instant expiresAt, @Bind("createdFrom") String createdFrom);

    /**
     * The user of a live token, read as the database has it now, and the token's id. The same statement records
     * the use, but only when the recorded last use is older than {@code staleBefore}: a token used all day costs
     * one write a minute, not one per request.
     */
    @SqlQuery("""
            WITH token AS (
                SELECT id, user_id FROM api_tokens
                WHERE token_hash = :tokenHash AND revoked_at IS NULL AND expires_at > :now),
            touched AS (
                UPDATE api_tokens SET last_used_at = :now
                WHERE id = (SELECT id FROM token)
                  AND (last_used_at IS NULL OR last_used_at < :staleBefore))
            SELECT users.*, token.id AS token_id FROM token JOIN users ON users.id = token.user_id""")
    @RegisterRowMapper(TokenSignIn.Mapper.class)
    Optional<TokenSignIn> findLive(@Bind("tokenHash") byte[] tokenHash, @Bind("now") Instant now,
                                   @Bind("staleBefore") Instant staleBefore);

    @SqlQuery("SELECT * FROM api_tokens WHERE id = :id")
    Optional<ApiToken> find(@Bind("id") UUID id);

    /** A user's tokens that still sign in (not revoked, not expired), newest first. */
    @SqlQuery("""
            SELECT * FROM api_tokens
            WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > :now
            ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset""")
    List<ApiToken> live(@Bind("userId") UUID userId, @Bind("now") Instant now, @Bind("limit") int limit,
                        @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM api_tokens WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > :now")
    long countLive(@Bind("userId") UUID userId, @Bind("now") Instant now);

    /** @return 1 if the token was live and is now revoked, 0 if it was already revoked or expired */
    @SqlUpdate("""
            UPDATE api_tokens SET revoked_at = :now
            WHERE id = :id AND revoked_at IS NULL AND expires_at > :now""")
    int revoke(@Bind("id") UUID id, @Bind("now") Instant now);

    /** Revokes every live token of the user but {@code kept} (null: every one). @return how many */
    @SqlUpdate("""
            UPDATE api_tokens SET revoked_at = :now
            WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > :now
              AND (CAST(:kept AS uuid) IS NULL OR id <> :kept)""")
    int revokeAllBut(@Bind("userId") UUID userId, @Bind("kept") UUID kept, @Bind("now") Instant now);
}
