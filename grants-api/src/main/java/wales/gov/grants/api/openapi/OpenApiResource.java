package wales.gov.grants.api.openapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Serves {@link ApiDescription}'s document at {@code /openapi.json}, to anyone. It is built on the first request
 * (the resources do not change while the server runs) rather than at start-up, which it would slow down.
 */
@Path("/openapi.json")
public final class OpenApiResource {
    private volatile String document;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response document() {
        String built = document;
        if (built == null) {
            synchronized (this) {
                if (document == null) {
                    document = ApiDescription.json();
                }
                built = document;
            }
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(built).cacheControl(cache).build();
    }
}
