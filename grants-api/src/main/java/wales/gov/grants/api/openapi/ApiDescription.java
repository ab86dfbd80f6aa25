package wales.gov.grants.api.openapi;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtension;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtensions;
import io.swagger.v3.jaxrs2.integration.JaxrsAnnotationScanner;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import wales.gov.grants.api.errors.Problem;
import wales.gov.grants.api.resources.IdempotentCreations;
import wales.gov.grants.kernel.Page;

/**
 * The API's OpenAPI 3 document, generated from the resources: swagger-core reads their JAX-RS and OpenAPI
 * annotations, then this class completes what the Java signatures already say and swagger cannot see. Each
 * operation is matched to its Jersey resource method, which decides its security (Basic or Bearer when it has
 * {@code @PermitAll} or {@code @RolesAllowed}), its problem responses (derived, plus {@link ProblemResponses}),
 * its operation id ({@code approveClaim} for {@code ClaimResource.approve}) and the paging and
 * {@code Idempotency-Key} parameters; {@link SchemaConventions} adds the money patterns, date formats, enums,
 * required fields and examples. The same document is served at {@code /openapi.json} and written by the build
 * ({@link #main}) for the generated client, so the two cannot differ.
 */
public final class ApiDescription {
    /** Every API resource lives here; the web pages ({@code wales.gov.grants.api.web}) are not API. */
    public static final String RESOURCE_PACKAGE = "wales.gov.grants.api.resources";
    public static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM = "Problem";

    /** The problem responses by status: their component name and what they mean in this API. */
    private static final Map<Integer, String[]> PROBLEMS = new TreeMap<>(Map.ofEntries(
            Map.entry(400, new String[] {"BadRequest",
                "The request is malformed: JSON that does not parse, a field given twice, a body that ended early"}),
            Map.entry(401, new String[] {"Unauthorized",
                "No credentials, or wrong ones: sign in with HTTP Basic or a bearer token from POST /api/v1/tokens"}),
            Map.entry(403, new String[] {"Forbidden", "Signed in, but this role may not do this"}),
            Map.entry(404, new String[] {"NotFound",
                "Nothing with this id, or it belongs to another organisation (never revealed)"}),
            Map.entry(409, new String[] {"Conflict",
                "The current state does not allow it, or another request changed the same data at the same time"}),
            Map.entry(413, new String[] {"ContentTooLarge", "The request body is larger than this server accepts"}),
            Map.entry(415, new String[] {"UnsupportedMediaType",
                "The body's media type or charset is not accepted (JSON in UTF-8; uploads by their content)"}),
            Map.entry(422, new String[] {"UnprocessableContent",
                "Well-formed but refused: an invalid field (listed in errors) or a broken rule (budget, state, "
                        + "segregation of duties, an Idempotency-Key reused with another body)"}),
            Map.entry(429, new String[] {"TooManyRequests",
                "Too many failed sign-ins for this username or client address; try again after Retry-After"}),
            Map.entry(503, new String[] {"ServiceUnavailable",
                "This server cannot serve the request now (quote the errorId); another server may"})));

    private static final Pattern TEMPLATE_REGEX = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}");

    private ApiDescription() {
    }

    /** Writes the document to the file named by the first argument: the build's copy for the generated client. */
    public static void main(String[] args) throws IOException {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ApiDescription <output file>");
        }
        Path output = Path.of(args[0]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, json(), StandardCharsets.UTF_8);
    }

    /** The document as served. */
    public static String json() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The OpenAPI document cannot be written", e);
        }
    }

    public static OpenAPI build() {
        SwaggerConfiguration configuration = new SwaggerConfiguration()
                .openAPI(base())
                .resourcePackages(Set.of(RESOURCE_PACKAGE))
                .readAllResources(false)
                .sortOutput(true);
        synchronized (ApiDescription.class) {
            if (OpenAPIExtensions.getExtensions().stream().noneMatch(SignedInParameterExtension.class::isInstance)) {
                List<OpenAPIExtension> extensions = new ArrayList<>(OpenAPIExtensions.getExtensions());
                extensions.add(0, new SignedInParameterExtension());
                OpenAPIExtensions.setExtensions(extensions);
            }
        }
        Set<Class<?>> classes = new TreeSet<>(Comparator.comparing(Class::getName));
        classes.addAll(new JaxrsAnnotationScanner<>().openApiConfiguration(configuration).classes());
        OpenAPI api = new Reader(configuration).read(new LinkedHashSet<>(classes));
        api.setServers(List.of(new Server().url("/")
                .description("The server this document was read from (the API is under /api/v1)")));
        api.getComponents().getSchemas().putAll(ModelConverters.getInstance().readAll(Problem.class));
        Set<String> operationIds = new HashSet<>();
        for (Class<?> type : classes) {
            for (Route route : routes(type)) {
                Operation operation = operation(api, route);
                if (operation != null) {
                    complete(api, route, operation);
                    if (!operationIds.add(operation.getOperationId())) {
                        throw new IllegalStateException("Two operations are called " + operation.getOperationId()
                                + "; rename one of the methods");
                    }
                }
            }
        }
        // in the order of their statuses, whatever order the resource methods were met in
        Map<String, ApiResponse> problems = new LinkedHashMap<>();
        PROBLEMS.values().forEach(known -> {
            ApiResponse response = api.getComponents().getResponses() == null ? null
                    : api.getComponents().getResponses().get(known[0]);
            if (response != null) {
                problems.put(known[0], response);
            }
        });
        api.getComponents().setResponses(problems);
        SchemaConventions.apply(api.getComponents().getSchemas());
        tags(api);
        removeUnused(api);
        return api;
    }

    private static OpenAPI base() {
        return new OpenAPI()
                .info(new Info().title("Grants administration and audit API").version("1")
                        .description("Welsh Government grants for care-experienced children: schemes, awards, "
                                + "claims, payments, evidence and audit. Amounts are decimal strings in pounds "
                                + "(\"2300000.00\"), never JSON numbers; dates are YYYY-MM-DD and times ISO-8601 "
                                + "UTC. Every error is application/problem+json (RFC 9457). Lists are paged with "
                                + "limit and offset."))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("A user's username and password"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("A token from POST /api/v1/tokens")));
    }

    /** A resource method of the Jersey model, at its full path. */
    public record Route(String path, String httpMethod, ResourceMethod method, Class<?> resource) {
        public Method javaMethod() {
            return method.getInvocable().getHandlingMethod();
        }
    }

    /** The resource methods of one resource class as Jersey serves them, with their paths as OpenAPI writes them. */
    public static List<Route> routes(Class<?> type) {
        List<Route> routes = new ArrayList<>();
        collect(Resource.from(type), "", type, routes);
        return routes;
    }

    private static void collect(Resource resource, String parent, Class<?> type, List<Route> routes) {
        String path = join(parent, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            routes.add(new Route(path, method.getHttpMethod(), method, type));
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, type, routes);
        }
    }

    /** Joins Jersey path segments, writing {@code {name: regex}} as OpenAPI's {@code {name}}. */
    public static String join(String parent, String path) {
        String child = path == null ? "" : TEMPLATE_REGEX.matcher(path).replaceAll("{$1}");
        String joined = (parent.endsWith("/") ? parent.substring(0, parent.length() - 1) : parent)
                + (child.isEmpty() || child.startsWith("/") ? child : "/" + child);
        if (!joined.startsWith("/")) {
            joined = "/" + joined;
        }
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static Operation operation(OpenAPI api, Route route) {
        PathItem item = api.getPaths() == null ? null : api.getPaths().get(route.path());
        return item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(route.httpMethod()));
    }

    private static void complete(OpenAPI api, Route route, Operation operation) {
        Method method = route.javaMethod();
        Class<?> resource = route.resource();
        String base = resource.getSimpleName().replaceFirst("Resource$", "");
        // approveClaim for ClaimResource.approve; getAwardPack for AwardPackResource.awardPack
        operation.setOperationId(method.getName().equalsIgnoreCase(base) ? "get" + base : method.getName() + base);

        RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : method.isAnnotationPresent(PermitAll.class) ? null : resource.getAnnotation(RolesAllowed.class);
        boolean signedIn = roles != null || method.isAnnotationPresent(PermitAll.class)
                || resource.isAnnotationPresent(PermitAll.class);
        operation.setSecurity(signedIn
                ? List.of(new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("bearer"))
                : List.of());
        if (roles != null) {
            String who = "Roles: " + String.join(", ", roles.value()) + ".";
            operation.setDescription(operation.getDescription() == null ? who : who + " " + operation.getDescription());
        }

        parameters(operation);
        requestBody(operation, method);
        Set<Integer> statuses = new TreeSet<>();
        if (signedIn) {
            statuses.add(401);
            statuses.add(429);
        }
        if (roles != null) {
            statuses.add(403);
        }
        boolean hasIdempotencyKey = false;
        for (Parameter parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(PathParam.class)) {
                statuses.add(404);
            }
            if (parameter.isAnnotationPresent(QueryParam.class)) {
                statuses.add(422);
            }
            HeaderParam header = parameter.getAnnotation(HeaderParam.class);
            if (header != null && header.value().equals(IdempotentCreations.HEADER)) {
                hasIdempotencyKey = true;
                statuses.add(422);
            }
        }
        if (operation.getRequestBody() != null) {
            statuses.addAll(List.of(400, 413, 415, 422));
        }
        if (!route.httpMethod().equals("GET")) {
            statuses.add(409);
        }
        for (ProblemResponses declared : new ProblemResponses[] {resource.getAnnotation(ProblemResponses.class),
                method.getAnnotation(ProblemResponses.class)}) {
            if (declared != null) {
                Arrays.stream(declared.value()).forEach(statuses::add);
            }
        }
        responses(api, route, operation, statuses, hasIdempotencyKey);
    }

    /** swagger's schema builders are raw types. */
    @SuppressWarnings("unchecked")
    private static void parameters(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (io.swagger.v3.oas.models.parameters.Parameter parameter : operation.getParameters()) {
            if ("query".equals(parameter.getIn()) && "limit".equals(parameter.getName())) {
                parameter.description("Page size").schema(new IntegerSchema().format("int32").minimum(
                        java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(Page.MAX_LIMIT))
                        ._default(Page.DEFAULT_LIMIT));
            } else if ("query".equals(parameter.getIn()) && "offset".equals(parameter.getName())) {
                parameter.description("How many items to skip (the previous page's nextOffset)")
                        .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO)._default(0));
            } else if ("header".equals(parameter.getIn()) && IdempotentCreations.HEADER.equals(parameter.getName())) {
                parameter.description("Makes the request safe to retry: a retry with the same key and body returns "
                                + "the first response and creates nothing; the same key with another body is a 422")
                        .schema(new StringSchema().minLength(1).maxLength(255).pattern("^[!-~]+$")
                                .example("award-cardiff-2019-20"));
            } else if ("path".equals(parameter.getIn()) && parameter.getSchema() != null
                    && parameter.getDescription() == null) {
                parameter.description("An opaque id");
            }
        }
    }

    /** A JSON body the method insists on ({@code @NotNull}) is required; an upload's body always is. */
    private static void requestBody(Operation operation, Method method) {
        RequestBody body = operation.getRequestBody();
        if (body == null) {
            return;
        }
        boolean required = body.getContent() != null && body.getContent().containsKey("multipart/form-data");
        for (Parameter parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(NotNull.class)) {
                required = true;
            }
        }
        body.setRequired(required ? Boolean.TRUE : null);
    }

    private static void responses(OpenAPI api, Route route, Operation operation, Set<Integer> statuses,
                                  boolean hasIdempotencyKey) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        ApiResponse fallback = responses.remove("default");
        boolean success = responses.keySet().stream().anyMatch(code -> code.startsWith("2"));
        if (!success && fallback != null) {
            responses.addApiResponse("200", fallback);
        }
        ApiResponses ordered = new ApiResponses();
        new TreeMap<>(responses).forEach((code, response) -> {
            if (response.get$ref() == null && response.getDescription() == null) {
                response.setDescription(reason(code));
            }
            if (code.equals("201") && hasIdempotencyKey) {
                response.addHeaderObject("Idempotent-Replayed", new Header()
                        .description("true when this is the first response replayed for a retry with the same key")
                        .schema(new StringSchema()._enum(List.of("true"))));
            }
            ordered.addApiResponse(code, response);
        });
        for (int status : statuses) {
            ordered.addApiResponse(String.valueOf(status),
                    new ApiResponse().$ref("#/components/responses/" + problemResponse(api, status, route)));
        }
        operation.setResponses(ordered);
    }

    private static String reason(String code) {
        return switch (code) {
            case "200" -> "OK";
            case "201" -> "Created";
            case "204" -> "No Content";
            case "304" -> "Not Modified: the If-None-Match named the current digest";
            default -> code;
        };
    }

    private static String problemResponse(OpenAPI api, int status, Route route) {
        String[] known = PROBLEMS.get(status);
        if (known == null) {
            throw new IllegalStateException(route.resource().getSimpleName() + "." + route.javaMethod().getName()
                    + " declares a problem response " + status + " that ApiDescription has no description of; "
                    + "add it to PROBLEMS");
        }
        Components components = api.getComponents();
        if (components.getResponses() == null || !components.getResponses().containsKey(known[0])) {
            ApiResponse response = new ApiResponse().description(known[1])
                    .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            if (status == 401) {
                response.addHeaderObject("WWW-Authenticate", new Header()
                        .description("Basic realm=\"grants\", charset=\"UTF-8\" and Bearer realm=\"grants\"")
                        .schema(new StringSchema()));
            } else if (status == 429) {
                response.addHeaderObject("Retry-After", new Header()
                        .description("Seconds until a sign-in is accepted again")
                        .schema(new IntegerSchema()));
            }
            components.addResponses(known[0], response);
        }
        return known[0];
    }

    /** One tag per resource area, listed with a description of what it holds. */
    private static void tags(OpenAPI api) {
        Map<String, String> descriptions = Map.of(
                "organisations", "Local authorities, consortia and collaboratives that receive grants",
                "users", "User accounts (administrators) and your own password",
                "tokens", "Bearer tokens: sign in, list, sign out",
                "schemes", "Grant programmes with their budgets and totals",
                "awards", "Awards to organisations: draft, offer, accept, withdraw, close",
                "claims", "Claims against awards, their approval, payments and adjustments",
                "recoveries", "Money owed back and the receipts against it",
                "evidence", "Evidence documents: upload, list, download, remove",
                "outcomes", "Outcome targets and the actuals reported against them",
                "audit", "The hash-chained audit trail, its verification and the PDF audit packs");
        Set<String> used = new TreeSet<>();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getTags() != null) {
                used.addAll(operation.getTags());
            }
        }));
        List<Tag> tags = new ArrayList<>();
        for (String name : used) {
            tags.add(new Tag().name(name).description(descriptions.get(name)));
        }
        api.setTags(tags);
    }

    /** Keeps only the schemas the operations reach (swagger adds some for types it merely saw). */
    private static void removeUnused(OpenAPI api) {
        Pattern reference = Pattern.compile("#/components/(schemas|responses)/([^\"]+)\"");
        Components components = api.getComponents();
        Set<String> reached = new HashSet<>();
        List<Object> pending = new ArrayList<>(List.of(api.getPaths()));
        while (!pending.isEmpty()) {
            String text;
            try {
                text = Json.mapper().writeValueAsString(pending.remove(pending.size() - 1));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            Matcher matcher = reference.matcher(text);
            while (matcher.find()) {
                if (reached.add(matcher.group(1) + "/" + matcher.group(2))) {
                    pending.add(matcher.group(1).equals("schemas") ? components.getSchemas().get(matcher.group(2))
                            : components.getResponses().get(matcher.group(2)));
                }
            }
        }
        components.getSchemas().keySet().removeIf(name -> !reached.contains("schemas/" + name));
    }
}
