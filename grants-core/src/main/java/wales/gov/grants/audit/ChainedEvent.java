package wales.gov.grants.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import static java.util.Objects.requireNonNull;

/**
 * An audit event with every stored column, as the verifier reads it: the state columns are the JSON text the database
 * gives for its jsonb. {@link #canonicalContent()} and {@link #computedHash()} follow docs/audit-trail.md.
 */
public record ChainedEvent(
        long id,
        Instant occurredAt,
        UUID actorUserId,
        String actorUsername,
        String actorRole,
        UUID actorOrganisationId,
        String action,
        String objectType,
        String objectId,
        UUID schemeId,
        UUID awardId,
        String beforeState,
        String afterState,
        String details,
        String clientAddress,
        String chainId,
        long chainPosition,
        String previousHash,
        String hash) {
    /** The chain of every event that is not tied to an award. */
    public static final String GLOBAL_CHAIN = "global";

    /** UTC, always six fractional digits: the database keeps microseconds. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    public ChainedEvent {
        requireNonNull(occurredAt, "occurredAt is null");
        requireNonNull(action, "action is null");
        requireNonNull(objectType, "objectType is null");
        requireNonNull(chainId, "chainId is null");
        requireNonNull(hash, "hash is null");
    }

    /** The chain an event with this award (or none) belongs to. */
    public static String chainOf(UUID awardId) {
        return awardId == null ? GLOBAL_CHAIN : awardId.toString();
    }

    public String canonicalContent() {
        Map<String, Object> members = new HashMap<>();
        members.put("id", id);
        members.put("occurred_at", TIME.format(occurredAt));
        members.put("actor_user_id", text(actorUserId));
        members.put("actor_username", actorUsername);
        members.put("actor_role", actorRole);
        members.put("actor_organisation_id", text(actorOrganisationId));
        members.put("action", action);
        members.put("object_type", objectType);
        members.put("object_id", objectId);
        members.put("scheme_id", text(schemeId));
        members.put("award_id", text(awardId));
        members.put("before_state", beforeState == null ? null : CanonicalJson.parse(beforeState));
        members.put("after_state", afterState == null ? null : CanonicalJson.parse(afterState));
        members.put("details", details == null ? null : CanonicalJson.parse(details));
        members.put("client_address", clientAddress);
        members.put("chain_id", chainId);
        members.put("chain_position", chainPosition);
        members.put("previous_hash", previousHash);
        return CanonicalJson.write(members);
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes of the canonical content. */
    public String computedHash() {
        return sha256Hex(canonicalContent().getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String text(UUID value) {
        return value == null ? null : value.toString();
    }

    /** Reads {@code SELECT * FROM audit_events}, with the jsonb columns as text. */
    public static final class Mapper implements RowMapper<ChainedEvent> {
        @Override
        public ChainedEvent map(ResultSet row, StatementContext context) throws SQLException {
            return new ChainedEvent(
                    row.getLong("id"),
                    row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                    row.getObject("actor_user_id", UUID.class),
                    row.getString("actor_username"),
                    row.getString("actor_role"),
                    row.getObject("actor_organisation_id", UUID.class),
                    row.getString("action"),
                    row.getString("object_type"),
                    row.getString("object_id"),
                    row.getObject("scheme_id", UUID.class),
                    row.getObject("award_id", UUID.class),
                    row.getString("before_state"),
                    row.getString("after_state"),
                    row.getString("details"),
                    row.getString("client_address"),
                    row.getString("chain_id"),
                    row.getLong("chain_position"),
                    row.getString("previous_hash"),
                    row.getString("hash"));
        }
    }
}
