package wales.gov.grants.api.errors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;

/** Refuses JSON bodies over the configured size with 413 before reading them; uploads have their own limit. */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodySizeFilter implements ContainerRequestFilter {
    private final long maxBytes;

    public BodySizeFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        boolean json = type != null && type.getSubtype() != null && type.getSubtype().endsWith("json");
        if (json && request.getLength() > maxBytes) {
            request.abortWith(Problems.response(413, "too-large", "Content Too Large",
                    "A JSON request body may be at most " + maxBytes + " bytes"));
        }
    }
}
