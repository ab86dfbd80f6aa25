package wales.gov.grants.api.resources;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import wales.gov.grants.api.representations.OrganisationRename;
import wales.gov.grants.api.representations.OrganisationView;
import wales.gov.grants.api.representations.PageView;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Validator;
import wales.gov.grants.organisations.NewOrganisation;
import wales.gov.grants.organisations.OrganisationNames;
import wales.gov.grants.organisations.OrganisationService;

import static java.util.Objects.requireNonNull;

@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "organisations")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class OrganisationResource {
    /** RFC 7396; plain JSON is accepted too, read the same way. */
    public static final String MERGE_PATCH = "application/merge-patch+json";

    private final OrganisationService organisations;
    private final IdempotentCreations creations;

    public OrganisationResource(OrganisationService organisations, IdempotentCreations creations) {
        this.organisations = requireNonNull(organisations, "organisations is null");
        this.creations = requireNonNull(creations, "creations is null");
    }

    @GET
    @PermitAll
    @Operation(summary = "List the organisations that receive grants (English and Welsh names)")
    public PageView<OrganisationView> list(@Auth GrantsPrincipal principal, @QueryParam("limit") String limit,
                                           @QueryParam("offset") String offset) {
        return PageView.of(organisations.list(principal.actor(), Page.Request.parse(limit, offset)), OrganisationView::of);
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(summary = "One organisation")
    public OrganisationView get(@Auth GrantsPrincipal principal, @PathParam("id") String id) {
        return OrganisationView.of(organisations.get(principal.actor(), OrganisationId.fromPath(id)));
    }

    @POST
    @RolesAllowed("ADMIN")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an organisation; its code is unique and, like its type, never changes",
            responses = @ApiResponse(responseCode = "201",
                    content = @Content(schema = @Schema(implementation = OrganisationView.class))))
    public Response create(@Auth GrantsPrincipal principal,
                           @Parameter(description = "makes the request safe to retry")
                           @HeaderParam(IdempotentCreations.HEADER) String idempotencyKey,
                           @Context UriInfo uri,
                           @NotNull(message = "is required") NewOrganisation request) {
        return creations.create(principal, idempotencyKey, uri, request, () -> {
            OrganisationView view = OrganisationView.of(organisations.create(principal.actor(), request));
            return new IdempotentCreations.Created(view, "/api/v1/organisations/" + view.id());
        });
    }

    /**
     * A JSON merge patch of the names: a name given is set, a name left out is kept. A name cannot be removed
     * ({@code null}), and the code and type cannot be changed at all.
     */
    @PATCH
    @Path("{id}")
    @RolesAllowed("ADMIN")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change an organisation's English or Welsh name (JSON merge patch of nameEn, nameCy)")
    public OrganisationView rename(@Auth GrantsPrincipal principal, @PathParam("id") String id,
                                   @RequestBody(content = {
                                       @Content(mediaType = MERGE_PATCH,
                                               schema = @Schema(implementation = OrganisationRename.class)),
                                       @Content(mediaType = MediaType.APPLICATION_JSON,
                                               schema = @Schema(implementation = OrganisationRename.class))})
                                   @NotNull(message = "is required") ObjectNode patch) {
        OrganisationId organisation = OrganisationId.fromPath(id);
        return OrganisationView.of(organisations.rename(principal.actor(), organisation, names(patch)));
    }

    private static OrganisationNames names(ObjectNode patch) {
        Validator validator = new Validator();
        String nameEn = null;
        String nameCy = null;
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "nameEn", "nameCy" -> {
                    if (value.isNull()) {
                        validator.reject(name, "cannot be removed: an organisation has an English and a Welsh name");
                    } else if (!value.isTextual()) {
                        validator.reject(name, "has the wrong type; expected a string");
                    } else if (name.equals("nameEn")) {
                        nameEn = value.textValue();
                    } else {
                        nameCy = value.textValue();
                    }
                }
                case "id", "code", "type" -> validator.reject(name, "cannot be changed");
                default -> validator.reject(name, "is not a known field");
            }
        }
        validator.throwIfInvalid();
        return new OrganisationNames(nameEn, nameCy);
    }
}
