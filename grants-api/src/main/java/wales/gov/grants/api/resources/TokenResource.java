package wales.gov.grants.api.resources;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import wales.gov.grants.api.auth.ClientAddressFilter;
import wales.gov.grants.api.auth.GrantsPrincipal;
import wales.gov.grants.api.errors.Problems;
import wales.gov.grants.api.openapi.ProblemResponses;
import wales.gov.grants.api.representations.ApiTokenView;
import wales.gov.grants.api.representations.PageView;
import wales.gov.grants.api.representations.TokenView;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.TokenId;
import wales.gov.grants.kernel.UserId;
import wales.gov.grants.kernel.Validator;
import wales.gov.grants.users.AuthService;
import wales.gov.grants.users.TokenService;

import static java.util.Objects.requireNonNull;

/**
 * Exchanges HTTP Basic credentials for a bearer token, lists a user's tokens and revokes them. Tokens are not
 * stored, only their hashes, so this POST does not replay responses for an {@code Idempotency-Key}: a retry issues
 * another token; and a list shows when and where each was issued and last used, never the token.
 */
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tokens")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class TokenResource {
    private final AuthService authService;
    private final TokenService tokens;

    public TokenResource(AuthService authService, TokenService tokens) {
        this.authService = requireNonNull(authService, "authService is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    @GET
    @PermitAll
    @Operation(summary = "List your live tokens, newest first (ADMIN: anyone's, with ?userId=); never the secret")
    public PageView<ApiTokenView> list(@Auth GrantsPrincipal principal, @QueryParam("userId") String userId,
                                       @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Validator validator = new Validator();
        UserId owner = validator.optional("userId", userId, UserId::parse, "a user id");
        validator.throwIfInvalid();
        return PageView.of(tokens.list(principal.actor(), owner, Page.Request.parse(limit, offset)),
                token -> ApiTokenView.of(token, principal.token()));
    }

    @DELETE
    @Path("current")
    @PermitAll
    @Operation(summary = "Sign out: revoke the bearer token this request is signed in with",
            responses = @ApiResponse(responseCode = "204", description = "Revoked"))
    @ProblemResponses(422)
    public Response signOut(@Auth GrantsPrincipal principal) {
        if (principal.token() == null) {
            return Problems.response(422, "bearer-required", "Unprocessable Content",
                    "This request is signed in with HTTP Basic, which has no token to sign out; send it with the "
                            + "bearer token to revoke, or revoke a token by its id with DELETE /api/v1/tokens/{id}");
        }
        tokens.revoke(principal.actor(), principal.token());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    @PermitAll
    @Operation(summary = "Revoke one of your tokens (ADMIN: anyone's); another user's token is not found",
            responses = @ApiResponse(responseCode = "204", description = "Revoked"))
    public Response revoke(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        tokens.revoke(principal.actor(), TokenId.fromPath(id));
        return Response.noContent().build();
    }

    @POST
    @PermitAll
    @Operation(summary = "Issue a bearer token for HTTP Basic credentials (a bearer token cannot issue another: 401)",
            responses = @ApiResponse(responseCode = "201", description = "The token; it is shown only here",
                    content = @Content(schema = @Schema(implementation = TokenView.class))))
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
