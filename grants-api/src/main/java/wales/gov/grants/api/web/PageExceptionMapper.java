package wales.gov.grants.api.web;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A page's refusal as an HTML page of the design system: 403, 404, 400 and 429 (with its Retry-After). */
public final class PageExceptionMapper implements ExceptionMapper<PageException> {
    @Override
    public Response toResponse(PageException exception) {
        int status = exception.status();
        Page page = new Page("error", exception.context(), "error." + status + ".title",
                Map.of("status", status, "retryAfterMinutes",
                        Math.max(1, (exception.retryAfterSeconds() + 59) / 60)), status);
        Response.ResponseBuilder response = Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page);
        if (exception.retryAfterSeconds() > 0) {
            response.header("Retry-After", exception.retryAfterSeconds());
        }
        return response.build();
    }

    /** Paths outside the API, where an unknown path is a 404 page rather than a problem. */
    public static boolean isPagePath(String path) {
        return !path.startsWith("/api/") && !path.equals("/api") && !path.startsWith("/openapi");
    }

    /** The 404 page of a path nothing serves, in the language of the request's query or cookie. */
    public static Response notFound(jakarta.servlet.http.HttpServletRequest request, Messages messages) {
        String fromQuery = WebRequests.queryLanguage(request.getQueryString());
        String fromCookie = WebRequests.cookie(request, WebRequests.LANGUAGE_COOKIE);
        String language = fromQuery != null ? fromQuery : "cy".equals(fromCookie) ? "cy" : "en";
        PageContext context = new PageContext(language, java.util.Optional.empty(), "", request.getRequestURI(),
                request.getQueryString(), messages);
        return new PageExceptionMapper().toResponse(new PageException(404, context));
    }

    /** A signed-out request for a signed-in page goes to the sign-in page. */
    public static final class SignInRequiredMapper implements ExceptionMapper<WebRequests.SignInRequired> {
        @Override
        public Response toResponse(WebRequests.SignInRequired exception) {
            return Response.seeOther(java.net.URI.create("/")).build();
        }
    }
}
