package wales.gov.grants.audit;

import static java.util.Objects.requireNonNull;

/** One chain as a checkpoint signed it: its length, the hash of its last event and that event's id. */
public record CheckpointEntry(String chainId, long length, String headHash, long headEventId) {
    public CheckpointEntry {
        requireNonNull(chainId, "chainId is null");
        requireNonNull(headHash, "headHash is null");
    }
}
