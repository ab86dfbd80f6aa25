package wales.gov.grants.api.web;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The headers of every page (and of the API, where they do no harm): a Content-Security-Policy that allows no
 * inline script and no framing, no MIME sniffing, no referrer beyond this origin. Pages are never cached, since
 * they show one person's work; the design system's files are. {@code ?lang=en|cy} on any page sets the language
 * cookie here, before the page is written.
 */
public final class WebFilter implements Filter {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse reply) {
            reply.setHeader("X-Content-Type-Options", "nosniff");
            reply.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            reply.setHeader("Referrer-Policy", "same-origin");
            reply.setHeader("X-Frame-Options", "DENY");
            String path = http.getRequestURI();
            if (!WebRequests.isAssetPath(path)) {
                reply.setHeader("Cache-Control", "no-store");
            }
            String language = WebRequests.queryLanguage(http.getQueryString());
            if (language != null && !path.startsWith("/api/")) {
                reply.addHeader("Set-Cookie", WebRequests.languageCookie(language, WebRequests.https(http)));
                chain.doFilter(request, new CookiesAdded(reply));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Jersey writes a response's first cookie with {@code setHeader}, which would drop the language cookie set
     * above (signing in from {@code /?lang=cy} would lose the Welsh); here every cookie is added to the others.
     */
    private static final class CookiesAdded extends HttpServletResponseWrapper {
        CookiesAdded(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if ("Set-Cookie".equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            } else {
                super.setHeader(name, value);
            }
        }
    }
}
