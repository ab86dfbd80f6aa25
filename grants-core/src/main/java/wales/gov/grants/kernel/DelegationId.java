package wales.gov.grants.kernel;

import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** The id of a delegation of approval authority. */
public record DelegationId(UUID value) {
    public DelegationId {
        requireNonNull(value, "value is null");
    }

    public static DelegationId random() {
        return new DelegationId(UUID.randomUUID());
    }

    /** An id from a client: anything that is not a well-formed id names nothing, so it is simply absent. */
    public static Optional<DelegationId> parse(String text) {
        return Ids.parseUuid(text).map(DelegationId::new);
    }

    /**
     * An id named in a request path: one that is not well-formed names nothing, so it is "not found", exactly as
     * an unknown or invisible one.
     */
    public static DelegationId fromPath(String text) {
        return parse(text).orElseThrow(() -> new NotFoundException("delegation", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
