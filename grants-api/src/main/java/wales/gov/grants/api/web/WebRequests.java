package wales.gov.grants.api.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.NewCookie;
import wales.gov.grants.api.auth.ClientAddressFilter;
import wales.gov.grants.users.WebSession;
import wales.gov.grants.users.WebSessionService;

import static java.util.Objects.requireNonNull;

/**
 * The session, language and CSRF token of a page request. Signed-in forms carry the session's own secret; the
 * sign-in form (before any session) carries a random value that must match its cookie (a double-submit token).
 */
public final class WebRequests {
    public static final String SESSION_COOKIE = "grants-session";
    public static final String LANGUAGE_COOKIE = "grants-lang";
    public static final String SIGN_IN_CSRF_COOKIE = "grants-sign-in-csrf";
    public static final String CSRF_FIELD = "csrfToken";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebSessionService sessions;
    private final Messages messages;

    public WebRequests(WebSessionService sessions, Messages messages) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.messages = requireNonNull(messages, "messages is null");
    }

    public Messages messages() {
        return messages;
    }

    public WebSessionService sessions() {
        return sessions;
    }

    /** The context of a page anyone may see: the sign-in page, error pages. */
    public PageContext anyone(HttpServletRequest request) {
        Optional<WebSession> session = sessions.find(cookie(request, SESSION_COOKIE));
        String signInToken = cookie(request, SIGN_IN_CSRF_COOKIE);
        String token = session.map(WebSession::csrfSecret).orElse(signInToken == null ? "" : signInToken);
        return context(request, session, token);
    }

    /** The context of a signed-in page; without a live session the request goes to the sign-in page. */
    public PageContext signedIn(HttpServletRequest request) {
        PageContext context = anyone(request);
        if (context.session().isEmpty()) {
            throw new SignInRequired();
        }
        return context;
    }

    /** Refuses (403, nothing changed) a form whose token is missing or not this session's (or sign-in cookie's). */
    public void checkCsrf(PageContext context, String token) {
        if (token == null || context.csrfToken().isEmpty() || !MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), context.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw new PageException(403, context);
        }
    }

    private PageContext context(HttpServletRequest request, Optional<WebSession> session, String token) {
        String fromQuery = queryLanguage(request.getQueryString());
        String fromCookie = cookie(request, LANGUAGE_COOKIE);
        String language = fromQuery != null ? fromQuery
                : fromCookie != null && WebSessionService.LANGUAGES.contains(fromCookie) ? fromCookie
                : session.map(WebSession::language).orElse("en");
        if (fromQuery != null && session.isPresent() && !fromQuery.equals(session.get().language())) {
            sessions.setLanguage(cookie(request, SESSION_COOKIE), fromQuery);
        }
        return new PageContext(language, session, token, request.getRequestURI(), request.getQueryString(),
                messages);
    }

    public static String clientAddress(HttpServletRequest request) {
        return String.valueOf(request.getAttribute(ClientAddressFilter.ATTRIBUTE));
    }

    public static boolean https(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(ClientAddressFilter.HTTPS_ATTRIBUTE)) || request.isSecure();
    }

    public static NewCookie sessionCookie(String id, HttpServletRequest request) {
        return new NewCookie.Builder(SESSION_COOKIE).value(id).path("/").httpOnly(true).secure(https(request))
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    public static NewCookie expiredCookie(String name, HttpServletRequest request) {
        return new NewCookie.Builder(name).value("").path("/").maxAge(0).httpOnly(true).secure(https(request))
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    public static NewCookie signInCsrfCookie(String token, HttpServletRequest request) {
        return new NewCookie.Builder(SIGN_IN_CSRF_COOKIE).value(token).path("/").httpOnly(true)
                .secure(https(request)).sameSite(NewCookie.SameSite.LAX).build();
    }

    static String languageCookie(String language, boolean secure) {
        return LANGUAGE_COOKIE + "=" + language + "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly"
                + (secure ? "; Secure" : "");
    }

    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** {@code en} or {@code cy} from the query's {@code lang}, read from the query string only (never a form body). */
    static String queryLanguage(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("lang=")) {
                String value = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
                return WebSessionService.LANGUAGES.contains(value) ? value : null;
            }
        }
        return null;
    }

    static boolean isAssetPath(String path) {
        return path.startsWith("/govuk/") || path.startsWith("/assets/") || path.startsWith("/static/");
    }

    /** Sends a request without a live session to the sign-in page. */
    public static final class SignInRequired extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SignInRequired() {
            super("sign-in required", null, false, false);
        }
    }
}
