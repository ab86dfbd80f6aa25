package wales.gov.grants.domain;

import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

public record SchemeId(UUID value) {
    public SchemeId {
        requireNonNull(value, "value is null");
    }

    public static SchemeId random() {
        return new SchemeId(UUID.randomUUID());
    }

    /** An id from a client: anything that is not a well-formed id names nothing, so it is simply absent. */
    public static Optional<SchemeId> parse(String text) {
        return Ids.parseUuid(text).map(SchemeId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
