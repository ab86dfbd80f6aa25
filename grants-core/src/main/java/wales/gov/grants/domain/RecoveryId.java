package wales.gov.grants.domain;

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

    @Override
    public String toString() {
        return value.toString();
    }
}
