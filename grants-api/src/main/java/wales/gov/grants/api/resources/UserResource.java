package wales.gov.grants.api.resources;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import wales.gov.grants.api.auth.ClientAddressFilter;
import wales.gov.grants.api.auth.GrantsPrincipal;
import wales.gov.grants.api.representations.PageView;
import wales.gov.grants.api.representations.PasswordChangeRequest;
import wales.gov.grants.api.representations.PasswordChangeView;
import wales.gov.grants.api.representations.UnlockView;
import wales.gov.grants.api.representations.UserView;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.UserId;
import wales.gov.grants.users.AuthService;
import wales.gov.grants.users.NewUser;
import wales.gov.grants.users.UserService;

import static java.util.Objects.requireNonNull;

/**
 * User accounts: administrators create, list, disable, enable and unlock them; every user changes its own
 * password. Each change is read by every server on the next request.
 */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class UserResource {
    private final UserService users;
    private final AuthService authService;
    private final IdempotentCreations creations;

    public UserResource(UserService users, AuthService authService, IdempotentCreations creations) {
        this.users = requireNonNull(users, "users is null");
        this.authService = requireNonNull(authService, "authService is null");
        this.creations = requireNonNull(creations, "creations is null");
    }

    @GET
    @RolesAllowed("ADMIN")
    @Operation(summary = "List the user accounts, by username")
    public PageView<UserView> list(@Auth GrantsPrincipal principal, @QueryParam("limit") String limit,
                                   @QueryParam("offset") String offset) {
        return PageView.of(users.list(principal.actor(), Page.Request.parse(limit, offset)), UserView::of);
    }

    @GET
    @Path("me")
    @PermitAll
    @Operation(summary = "The signed-in user's own account")
    public UserView me(@Auth GrantsPrincipal principal) {
        return UserView.of(principal.user());
    }

    @GET
    @Path("{id}")
    @RolesAllowed("ADMIN")
    @Operation(summary = "One user account")
    public UserView get(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return UserView.of(users.get(principal.actor(), UserId.fromPath(id)));
    }

    /**
     * The password is left out of the request an {@code Idempotency-Key} remembers: its fingerprint is a plain
     * SHA-256, and with every other field in the users table, a password inside it could be guessed at SHA-256
     * speed instead of bcrypt's. So a retry with the same key and another password replays the first response.
     */
    @POST
    @RolesAllowed("ADMIN")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user; a RECIPIENT needs an organisation, every other role has none",
            responses = @ApiResponse(responseCode = "201",
                    content = @Content(schema = @Schema(implementation = UserView.class))))
    public Response create(@Auth GrantsPrincipal principal,
                           @Parameter(description = "makes the request safe to retry")
                           @HeaderParam(IdempotentCreations.HEADER) String idempotencyKey,
                           @Context UriInfo uri,
                           @NotNull(message = "is required") NewUser request) {
        return creations.create(principal, idempotencyKey, uri, request.withoutPassword(), () -> {
            UserView view = UserView.of(users.create(principal.actor(), request));
            return new IdempotentCreations.Created(view, "/api/v1/users/" + view.id());
        });
    }

    @POST
    @Path("{id}/disable")
    @RolesAllowed("ADMIN")
    @Operation(summary = "Disable a user on every server at once; its tokens are revoked (not yourself, nor the "
            + "last enabled administrator)")
    public UserView disable(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return UserView.of(users.disable(principal.actor(), UserId.fromPath(id)));
    }

    @POST
    @Path("{id}/enable")
    @RolesAllowed("ADMIN")
    @Operation(summary = "Enable a disabled user again")
    public UserView enable(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return UserView.of(users.enable(principal.actor(), UserId.fromPath(id)));
    }

    @POST
    @Path("{id}/unlock")
    @RolesAllowed("ADMIN")
    @Operation(summary = "Lift the sign-in throttle of the user's username on every server")
    public UnlockView unlock(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        UserId user = UserId.fromPath(id);
        return new UnlockView(user.toString(), users.unlock(principal.actor(), user));
    }

    @POST
    @Path("me/password")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change your own password; every other token of yours is revoked (a wrong current "
            + "password counts as a failed sign-in)", responses = @ApiResponse(responseCode = "200",
                    description = "Changed", content = @Content(schema = @Schema(implementation = PasswordChangeView.class))))
    public Response changePassword(@Auth GrantsPrincipal principal, @Context ContainerRequestContext context,
                                   @NotNull(message = "is required") PasswordChangeRequest request) {
        AuthService.PasswordChange change = authService.changePassword(principal.user(), principal.token(),
                request.currentPassword(), request.newPassword(),
                String.valueOf(context.getProperty(ClientAddressFilter.ATTRIBUTE)));
        return Response.ok(new PasswordChangeView(change.tokensRevoked())).header("Cache-Control", "no-store").build();
    }
}
