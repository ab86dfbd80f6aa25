package wales.gov.grants.kernel;

import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

public record RecoveryId(UUID value) {
    public RecoveryId {
        requireNonNull(value, "value is null");
    }

    public static RecoveryId random() {
        return new RecoveryId(UUID.randomUUID());
    }

    /** An id from a client: anything that is not a well-formed id names nothing, so it is simply absent. */
    public static Optional<RecoveryId> parse(String text) {
        return Ids.parseUuid(text).map(RecoveryId::new);
    }

    /**
     * An id named in a request path: one that is not well-formed names nothing, so it is "not found", exactly as
     * an unknown or invisible one.
     */
    public static RecoveryId fromPath(String text) {
        return parse(text).orElseThrow(() -> new NotFoundException("recovery", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
