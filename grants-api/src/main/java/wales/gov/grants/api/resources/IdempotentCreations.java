package wales.gov.grants.api.resources;

import java.net.URI;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import wales.gov.grants.api.auth.GrantsPrincipal;
import wales.gov.grants.idempotency.IdempotencyService;

import static java.util.Objects.requireNonNull;

/** Runs a creating POST through {@link IdempotencyService}, so that it honours {@code Idempotency-Key}. */
public final class IdempotentCreations {
    public static final String HEADER = "Idempotency-Key";

    private final IdempotencyService idempotency;
    private final ObjectMapper json;
    private final ObjectMapper canonical;

    public IdempotentCreations(IdempotencyService idempotency, ObjectMapper json) {
        this.idempotency = requireNonNull(idempotency, "idempotency is null");
        this.json = requireNonNull(json, "json is null");
        this.canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    /** What a creation returns: the representation and the path of the new resource. */
    public record Created(Object representation, String location) {
    }

    public Response create(GrantsPrincipal principal, String key, UriInfo uri, Object requestBody,
                           Supplier<Created> creation) {
        String request = "POST " + uri.getPath() + "\n" + write(canonical, requestBody);
        IdempotencyService.StoredResponse response = idempotency.execute(principal.actor(), key, request, () -> {
            Created created = creation.get();
            return IdempotencyService.StoredResponse.created(write(json, created.representation()), created.location());
        });
        Response.ResponseBuilder builder = Response.status(response.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(response.body());
        if (response.location() != null) {
            builder.location(URI.create(response.location()));
        }
        if (response.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.build();
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("representation is not serialisable", e);
        }
    }
}
