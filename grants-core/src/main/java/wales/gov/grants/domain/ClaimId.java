package wales.gov.grants.domain;

import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

public record ClaimId(UUID value) {
    public ClaimId {
        requireNonNull(value, "value is null");
    }

    public static ClaimId random() {
        return new ClaimId(UUID.randomUUID());
    }

    /** An id from a client: anything that is not a well-formed id names nothing, so it is simply absent. */
    public static Optional<ClaimId> parse(String text) {
        return Ids.parseUuid(text).map(ClaimId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
