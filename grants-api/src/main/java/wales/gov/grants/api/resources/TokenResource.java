package wales.gov.grants.api.resources;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import wales.gov.grants.api.auth.ClientAddressFilter;
import wales.gov.grants.api.auth.GrantsPrincipal;
import wales.gov.grants.api.errors.Problems;
import wales.gov.grants.api.representations.TokenView;
import wales.gov.grants.users.AuthService;

import static java.util.Objects.requireNonNull;

/**
 * Exchanges HTTP Basic credentials for a bearer token. Tokens are not stored, only their hashes, so this POST
 * does not replay responses for an {@code Idempotency-Key}: a retry issues another token.
 */
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tokens")
@SecurityRequirement(name = "basic")
public final class TokenResource {
    private final AuthService authService;

    public TokenResource(AuthService authService) {
        this.authService = requireNonNull(authService, "authService is null");
    }

    @POST
    @PermitAll
    @Operation(summary = "Issue a bearer token for HTTP Basic credentials")
    public Response issue(@Auth GrantsPrincipal principal, @Context ContainerRequestContext request) {
        if (principal.scheme() != GrantsPrincipal.Scheme.BASIC) {
            return Problems.response(401, "basic-required", "Unauthorized",
                    "Tokens are issued for HTTP Basic credentials only");
        }
        AuthService.IssuedToken token = authService.issueToken(principal.user(),
                String.valueOf(request.getProperty(ClientAddressFilter.ATTRIBUTE)));
        return Response.status(201)
                .header("Cache-Control", "no-store")
                .entity(new TokenView(token.token(), "Bearer", token.expiresAt().toString()))
                .build();
    }
}
