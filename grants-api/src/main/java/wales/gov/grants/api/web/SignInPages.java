package wales.gov.grants.api.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import wales.gov.grants.users.TooManyAttemptsException;
import wales.gov.grants.users.WebSessionService;

import static java.util.Objects.requireNonNull;

/**
 * {@code /}: the sign-in page or the signed-in user's home, signing in (through the API's own sign-in and
 * throttle) and signing out.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class SignInPages {
    private final WebRequests requests;

    public SignInPages(WebRequests requests) {
        this.requests = requireNonNull(requests, "requests is null");
    }

    @GET
    public Response home(@Context HttpServletRequest request) {
        PageContext context = requests.anyone(request);
        if (context.session().isPresent()) {
            return Response.ok(new Page("home", context, "home.title",
                    Map.of("role", context.user().role().name()))).build();
        }
        return signInPage(request, context, "", List.of(), 200);
    }

    @POST
    @Path("sign-in")
    public Response signIn(@Context HttpServletRequest request, @FormParam("username") String username,
                           @FormParam("password") String password,
                           @FormParam(WebRequests.CSRF_FIELD) String csrfToken) {
        PageContext context = requests.anyone(request);
        String signInToken = WebRequests.cookie(request, WebRequests.SIGN_IN_CSRF_COOKIE);
        PageContext signInContext = new PageContext(context.language(), Optional.empty(),
                signInToken == null ? "" : signInToken, context.path(), context.query(), context.messages());
        requests.checkCsrf(signInContext, csrfToken);
        String entered = username == null ? "" : username.strip();
        if (entered.isEmpty() || password == null || password.isEmpty()) {
            return signInPage(request, signInContext, entered, List.of(entered.isEmpty()
                    ? new FieldError("username", "sign-in.error.username-missing")
                    : new FieldError("password", "sign-in.error.password-missing")), 200);
        }
        Optional<WebSessionService.Started> started;
        try {
            started = requests.sessions().signIn(entered, password, WebRequests.clientAddress(request),
                    context.language());
        } catch (TooManyAttemptsException e) {
            throw new PageException(429, signInContext, Math.max(1, e.retryAfter().toSeconds()));
        }
        if (started.isEmpty()) {
            return signInPage(request, signInContext, entered,
                    List.of(new FieldError("username", "sign-in.error.wrong")), 200);
        }
        // a session the browser had before is ended, never carried over
        requests.sessions().signOut(WebRequests.cookie(request, WebRequests.SESSION_COOKIE),
                WebRequests.clientAddress(request));
        return Response.seeOther(URI.create("/"))
                .cookie(WebRequests.sessionCookie(started.get().id(), request),
                        WebRequests.expiredCookie(WebRequests.SIGN_IN_CSRF_COOKIE, request))
                .build();
    }

    @POST
    @Path("sign-out")
    public Response signOut(@Context HttpServletRequest request,
                            @FormParam(WebRequests.CSRF_FIELD) String csrfToken) {
        PageContext context = requests.signedIn(request);
        requests.checkCsrf(context, csrfToken);
        requests.sessions().signOut(WebRequests.cookie(request, WebRequests.SESSION_COOKIE),
                WebRequests.clientAddress(request));
        return Response.seeOther(URI.create("/?signed-out"))
                .cookie(WebRequests.expiredCookie(WebRequests.SESSION_COOKIE, request))
                .build();
    }

    /** An error of a form: the field it is about (for the link and the inline message) and the message key. */
    public record FieldError(String field, String key) {
    }

    private Response signInPage(HttpServletRequest request, PageContext context, String username,
                                List<FieldError> errors, int status) {
        String token = context.csrfToken();
        Response.ResponseBuilder response = Response.status(status);
        if (token.isEmpty()) {
            token = WebRequests.randomToken();
            response.cookie(WebRequests.signInCsrfCookie(token, request));
        }
        PageContext withToken = new PageContext(context.language(), Optional.empty(), token, context.path(),
                context.query(), context.messages());
        return response.entity(new Page("sign-in", withToken, "sign-in.title", Map.of("username", username,
                "errors", errors, "signedOut", request.getQueryString() != null
                        && request.getQueryString().contains("signed-out")))).build();
    }
}
