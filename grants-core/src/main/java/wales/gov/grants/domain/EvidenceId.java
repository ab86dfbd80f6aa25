package wales.gov.grants.domain;

import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

public record EvidenceId(UUID value) {
    public EvidenceId {
        requireNonNull(value, "value is null");
    }

    public static EvidenceId random() {
        return new EvidenceId(UUID.randomUUID());
    }

    /** An id from a client: anything that is not a well-formed id names nothing, so it is simply absent. */
    public static Optional<EvidenceId> parse(String text) {
        return Ids.parseUuid(text).map(EvidenceId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
