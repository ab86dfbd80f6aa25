package wales.gov.grants.api.errors;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds problem+json responses. Problem types are stable URIs under {@link #TYPE_BASE}. */
public final class Problems {
    public static final String TYPE_BASE = "https://grants.gov.wales/problems/";
    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    private Problems() {
    }

    public static Response response(int status, String type, String title, String detail) {
        return response(status, type, title, detail, null);
    }

    public static Response response(int status, String type, String title, String detail,
                                    List<Problem.FieldProblem> errors) {
        return Response.status(status)
                .type(PROBLEM_JSON)
                .entity(new Problem(TYPE_BASE + type, title, status, detail, errors, null))
                .build();
    }

    public static Response unauthorized() {
        return Response.status(401)
                .type(PROBLEM_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"grants\", charset=\"UTF-8\"")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"grants\"")
                .entity(new Problem(TYPE_BASE + "unauthenticated", "Unauthorized", 401,
                        "Sign in with HTTP Basic or a bearer token from POST /api/v1/tokens", null, null))
                .build();
    }
}
