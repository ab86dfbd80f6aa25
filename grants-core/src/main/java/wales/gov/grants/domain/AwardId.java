package wales.gov.grants.domain;

import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

public record AwardId(UUID value) {
    public AwardId {
        requireNonNull(value, "value is null");
    }

    public static AwardId random() {
        return new AwardId(UUID.randomUUID());
    }

    /** An id from a client: anything that is not a well-formed id names nothing, so it is simply absent. */
    public static Optional<AwardId> parse(String text) {
        return Ids.parseUuid(text).map(AwardId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
