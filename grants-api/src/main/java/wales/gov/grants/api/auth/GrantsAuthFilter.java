package wales.gov.grants.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import wales.gov.grants.api.errors.Problems;
import wales.gov.grants.users.AuthService;
import wales.gov.grants.users.User;

import static java.util.Objects.requireNonNull;

/**
 * Authenticates every protected request by HTTP Basic (users in the database) or a bearer token from
 * {@code POST /api/v1/tokens}. Failures get a 401 problem, throttled sign-ins a 429.
 */
@Priority(Priorities.AUTHENTICATION)
public final class GrantsAuthFilter implements ContainerRequestFilter {
    private static final int MAX_CREDENTIALS_LENGTH = 2048;

    private final AuthService authService;

    public GrantsAuthFilter(AuthService authService) {
        this.authService = requireNonNull(authService, "authService is null");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String clientAddress = String.valueOf(request.getProperty(ClientAddressFilter.ATTRIBUTE));
        Optional<GrantsPrincipal> principal = header == null || header.length() > MAX_CREDENTIALS_LENGTH
                ? Optional.empty()
                : authenticate(header, clientAddress);
        if (principal.isEmpty()) {
            request.abortWith(Problems.unauthorized());
            return;
        }
        GrantsPrincipal signedIn = principal.get();
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return signedIn;
            }

            @Override
            public boolean isUserInRole(String role) {
                return signedIn.user().role().name().equals(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return signedIn.scheme() == GrantsPrincipal.Scheme.BASIC ? BASIC_AUTH : "Bearer";
            }
        });
    }

    private Optional<GrantsPrincipal> authenticate(String header, String clientAddress) {
        int space = header.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = header.substring(0, space);
        String value = header.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Basic")) {
            return basic(value, clientAddress).map(GrantsPrincipal::basic);
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            return authService.authenticateToken(value).map(GrantsPrincipal::bearer);
        }
        return Optional.empty();
    }

    private Optional<User> basic(String encoded, String clientAddress) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return authService.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1), clientAddress);
    }
}
