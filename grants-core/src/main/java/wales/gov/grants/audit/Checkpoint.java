package wales.gov.grants.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A signed checkpoint: the chains that grew since the previous checkpoint with their lengths and heads, and the
 * digest of the previous checkpoint's message. {@link #message()} is the exact byte string that is signed
 * (docs/audit-trail.md, "Checkpoints").
 */
public record Checkpoint(long sequence, Instant createdAt, String keyId, String previousDigest, String signature,
                         List<CheckpointEntry> chains) {
    public static final String FORMAT = "grants-audit-checkpoint/1";

    public Checkpoint {
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(keyId, "keyId is null");
        requireNonNull(signature, "signature is null");
        chains = List.copyOf(chains);
    }

    /** The UTF-8 canonical JSON that the signature covers; the chains in code point order of their ids. */
    public byte[] message() {
        return message(sequence, createdAt, keyId, previousDigest, chains);
    }

    /** Lowercase hex SHA-256 of {@link #message()}: what the next checkpoint names as its previous one. */
    public String digest() {
        return ChainedEvent.sha256Hex(message());
    }

    public Optional<CheckpointEntry> entryFor(String chainId) {
        return chains.stream().filter(entry -> entry.chainId().equals(chainId)).findFirst();
    }

    static byte[] message(long sequence, Instant createdAt, String keyId, String previousDigest,
                          List<CheckpointEntry> chains) {
        List<CheckpointEntry> sorted = new ArrayList<>(chains);
        sorted.sort((left, right) -> CanonicalJson.CODE_POINT_ORDER.compare(left.chainId(), right.chainId()));
        List<Object> chainMembers = new ArrayList<>(sorted.size());
        for (CheckpointEntry entry : sorted) {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("chain_id", entry.chainId());
            member.put("length", entry.length());
            member.put("head_hash", entry.headHash());
            member.put("head_event_id", entry.headEventId());
            chainMembers.add(member);
        }
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("format", FORMAT);
        members.put("sequence", sequence);
        members.put("created_at", ChainedEvent.TIME.format(createdAt));
        members.put("key_id", keyId);
        members.put("previous_digest", previousDigest);
        members.put("chains", chainMembers);
        return CanonicalJson.write(members).getBytes(StandardCharsets.UTF_8);
    }
}
