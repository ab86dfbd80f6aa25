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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import wales.gov.grants.api.auth.GrantsPrincipal;
import wales.gov.grants.api.representations.PageView;
import wales.gov.grants.api.representations.SchemeView;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.schemes.NewScheme;
import wales.gov.grants.schemes.SchemeService;

import static java.util.Objects.requireNonNull;

@Path("/api/v1/schemes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "schemes")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class SchemeResource {
    private final SchemeService schemes;
    private final IdempotentCreations creations;

    public SchemeResource(SchemeService schemes, IdempotentCreations creations) {
        this.schemes = requireNonNull(schemes, "schemes is null");
        this.creations = requireNonNull(creations, "creations is null");
    }

    @GET
    @PermitAll
    @Operation(summary = "List schemes with their budgets and totals")
    public PageView<SchemeView> list(@Auth GrantsPrincipal principal,
                                     @QueryParam("financialYear") String financialYear,
                                     @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return PageView.of(schemes.list(principal.actor(), financialYear, Page.Request.parse(limit, offset)),
                SchemeView::of);
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(summary = "One scheme")
    public SchemeView get(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return SchemeView.of(schemes.get(principal.actor(), SchemeId.fromPath(id)));
    }

    @POST
    @RolesAllowed("GRANT_MANAGER")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a scheme; its code is unique per financial year",
            responses = @ApiResponse(responseCode = "201",
                    content = @Content(schema = @Schema(implementation = SchemeView.class))))
    public Response create(@Auth GrantsPrincipal principal,
                           @Parameter(description = "makes the request safe to retry")
                           @HeaderParam(IdempotentCreations.HEADER) String idempotencyKey,
                           @Context UriInfo uri,
                           @NotNull(message = "is required") NewScheme request) {
        return creations.create(principal, idempotencyKey, uri, request, () -> {
            SchemeView view = SchemeView.of(schemes.create(principal.actor(), request));
            return new IdempotentCreations.Created(view, "/api/v1/schemes/" + view.id());
        });
    }
}
