package wales.gov.grants.packs;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * The award's audit chain as the pack found it: whether every event's hash and link still holds, and the signed
 * checkpoint the chain was verified against.
 */
public record ChainStatus(boolean valid, long eventsChecked, OptionalLong firstBrokenEventId,
                          Optional<SignedCheckpoint> checkpoint) {
    public ChainStatus {
        requireNonNull(firstBrokenEventId, "firstBrokenEventId is null");
        requireNonNull(checkpoint, "checkpoint is null");
    }

    /** The signed checkpoint cited: its sequence, time, signing key and the chain's length and head it signed. */
    public record SignedCheckpoint(long sequence, Instant at, String keyId, long chainLength, String headHash,
                                   String signature) {
        public SignedCheckpoint {
            requireNonNull(at, "at is null");
            requireNonNull(keyId, "keyId is null");
            requireNonNull(signature, "signature is null");
        }
    }
}
