package wales.gov.grants.kernel;

import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

public record TokenId(UUID value) {
    public TokenId {
        requireNonNull(value, "value is null");
    }

    public static TokenId random() {
        return new TokenId(UUID.randomUUID());
    }

    /** An id from a client: anything that is not a well-formed id names nothing, so it is simply absent. */
    public static Optional<TokenId> parse(String text) {
        return Ids.parseUuid(text).map(TokenId::new);
    }

    /**
     * An id named in a request path: one that is not well-formed names nothing, so it is "not found", exactly as
     * an unknown or invisible one.
     */
    public static TokenId fromPath(String text) {
        return parse(text).orElseThrow(() -> new NotFoundException("token", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
