package wales.gov.grants.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.Produces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.api.openapi.ApiDescription;
import wales.gov.grants.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served {@code /openapi.json} is a valid OpenAPI 3 document that says everything a generated client needs:
 * swagger-parser finds nothing to complain of, every operation of the running application's Jersey model is in it,
 * each with its success response and its problem responses. A failure names the operation and what it lacks.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@SuppressWarnings({"rawtypes", "unchecked"}) // swagger's models are raw types
class OpenApiDocumentTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);

    private static String served;
    private static OpenAPI document;

    @BeforeAll
    static void read() {
        Reply reply = Caller.anonymous(APP).get("/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        served = reply.body();
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(served, null, options);
        assertThat(result.getMessages()).as("swagger-parser's messages on /openapi.json").isEmpty();
        document = result.getOpenAPI();
    }

    @Test
    void swaggerParserValidatesTheServedDocumentWithoutAMessage() {
        assertThat(document.getOpenapi()).startsWith("3.0");
        assertThat(document.getServers()).singleElement()
                .satisfies(server -> assertThat(server.getUrl()).isEqualTo("/"));
        ParseOptions resolving = new ParseOptions();
        resolving.setResolve(true);
        assertThat(new OpenAPIV3Parser().readContents(served, null, resolving).getMessages())
                .as("messages once every $ref is resolved").isEmpty();
    }

    /**
     * The generated client is built from the build's copy; it must be the document the server serves (as JSON:
     * Jackson may write a schema's keys in another order in another JVM).
     */
    @Test
    void theBuildsCopyForTheGeneratedClientIsTheServedDocument() throws Exception {
        String target = System.getenv().getOrDefault("GRANTS_TEST_DATA_DIR", "target");
        String built = Files.readString(Path.of(target, "openapi", "openapi.json"), StandardCharsets.UTF_8);
        assertThat(Json.mapper().readTree(served)).isEqualTo(Json.mapper().readTree(built));
    }

    /**
     * Every resource method Jersey serves is documented. The web pages under {@code /} (classes producing
     * {@code text/html}: sign-in, the claim pages and their evidence download) are not API and are left out, as is
     * this document itself.
     */
    @Test
    void everyOperationOfTheResourceModelIsInTheDocument() {
        Set<Object> registered = new HashSet<>(APP.getEnvironment().jersey().getResourceConfig().getSingletons());
        registered.addAll(APP.getEnvironment().jersey().getResourceConfig().getClasses());
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Object resource : registered) {
            Class<?> type = resource instanceof Class<?> clazz ? clazz : resource.getClass();
            if (!type.isAnnotationPresent(jakarta.ws.rs.Path.class) || isWebPages(type)) {
                continue;
            }
            for (var route : ApiDescription.routes(type)) {
                if (route.path().equals("/openapi.json")) {
                    continue;
                }
                checked++;
                PathItem item = document.getPaths().get(route.path());
                if (item == null || item.readOperationsMap().get(PathItem.HttpMethod.valueOf(route.httpMethod())) == null) {
                    missing.add(route.httpMethod() + " " + route.path() + " (" + type.getSimpleName() + "."
                            + route.method().getInvocable().getHandlingMethod().getName() + ")");
                }
            }
        }
        assertThat(checked).as("API operations in the resource model").isGreaterThan(40);
        assertThat(missing).as("served by Jersey but missing from /openapi.json: put the resource in package "
                + ApiDescription.RESOURCE_PACKAGE + " (and check its @Operation is not hidden)").isEmpty();
    }

    @Test
    void everyOperationHasItsSuccessResponseItsProblemsSecurityAndTag() {
        List<String> failures = new ArrayList<>();
        forEachOperation((name, operation) -> {
            Map<String, ApiResponse> responses = operation.getResponses();
            List<String> successes = responses.keySet().stream().filter(code -> code.startsWith("2")).toList();
            if (successes.isEmpty()) {
                failures.add(name + ": no 2xx response; declare it with @Operation(responses = @ApiResponse("
                        + "responseCode = \"201\", content = ...)) when the method returns a Response");
            }
            for (String code : successes) {
                ApiResponse success = responses.get(code);
                if (success.getDescription() == null || success.getDescription().isBlank()) {
                    failures.add(name + ": response " + code + " has no description");
                }
                if (!code.equals("204") && (success.getContent() == null || success.getContent().values().stream()
                        .anyMatch(media -> media.getSchema() == null))) {
                    failures.add(name + ": response " + code + " has no schema");
                }
            }
            if (responses.containsKey("default")) {
                failures.add(name + ": has a default response; say which status it is");
            }
            List<String> problems = responses.entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith("4") && isProblem(entry.getValue()))
                    .map(Map.Entry::getKey).toList();
            if (problems.isEmpty()) {
                failures.add(name + ": no 4xx application/problem+json response; add @ProblemResponses({...}) to "
                        + "the resource method with the statuses it can refuse with");
            }
            responses.forEach((code, response) -> {
                if ((code.startsWith("4") || code.startsWith("5")) && !isProblem(response)) {
                    failures.add(name + ": response " + code + " is not the shared Problem response; declare it "
                            + "with @ProblemResponses, not @ApiResponse");
                }
            });
            if (operation.getSecurity() == null || operation.getSecurity().size() != 2) {
                failures.add(name + ": security should be basic or bearer (@PermitAll or @RolesAllowed)");
            }
            if (operation.getTags() == null || operation.getTags().size() != 1) {
                failures.add(name + ": needs one @Tag on its resource class");
            }
            if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                failures.add(name + ": needs an @Operation(summary = ...)");
            }
        });
        assertThat(failures).isEmpty();
    }

    /**
     * Operations whose body may be left out: an approval needs one only to acknowledge a claim's warnings or to
     * approve on a delegator's behalf; every caller before those sent none.
     */
    private static final Set<String> OPTIONAL_BODIES = Set.of("POST /api/v1/claims/{id}/approve (approveClaim)");

    @Test
    void requestBodiesParametersAndPagedListsSayWhatTheyTake() {
        List<String> failures = new ArrayList<>();
        forEachOperation((name, operation) -> {
            if (operation.getRequestBody() != null && OPTIONAL_BODIES.contains(name)) {
                if (Boolean.TRUE.equals(operation.getRequestBody().getRequired())) {
                    failures.add(name + ": its body may be left out, but the document says it is required");
                }
            } else if (operation.getRequestBody() != null) {
                if (!Boolean.TRUE.equals(operation.getRequestBody().getRequired())) {
                    failures.add(name + ": the request body is not marked required (@NotNull on the parameter)");
                }
                operation.getRequestBody().getContent().forEach((type, media) -> {
                    Schema<?> schema = resolve(media.getSchema());
                    // a merge patch (PATCH) has no required field: what it leaves out is unchanged
                    if (schema == null || schema.getProperties() == null
                            || (schema.getRequired() == null && !name.startsWith("PATCH "))) {
                        failures.add(name + ": the " + type + " body has no object schema with required fields "
                                + "(SchemaConventions.REQUIRED)");
                    }
                });
            }
            Set<String> parameters = new TreeSet<>();
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(parameter -> parameters.add(parameter.getName()));
            }
            String success = operation.getResponses().keySet().stream().filter(code -> code.startsWith("2"))
                    .findFirst().orElse("");
            MediaType json = success.isEmpty() || operation.getResponses().get(success).getContent() == null ? null
                    : operation.getResponses().get(success).getContent().get("application/json");
            if (json != null && json.getSchema().get$ref() != null
                    && json.getSchema().get$ref().startsWith("#/components/schemas/PageView")
                    && !parameters.containsAll(List.of("limit", "offset"))) {
                failures.add(name + ": returns a page but has no limit and offset parameters");
            }
            if (success.equals("201") && !parameters.contains("Idempotency-Key") && !name.contains("issueToken")) {
                failures.add(name + ": creates something but takes no Idempotency-Key header");
            }
        });
        assertThat(failures).isEmpty();

        Parameter limit = parameter("/api/v1/claims", PathItem.HttpMethod.GET, "limit");
        assertThat(limit.getSchema().getType()).isEqualTo("integer");
        assertThat(limit.getSchema().getMaximum()).isEqualByComparingTo("500");
        assertThat(parameter("/api/v1/claims", PathItem.HttpMethod.GET, "status").getSchema().getEnum())
                .asList().contains("SUBMITTED", "APPROVED", "PAID");
        Parameter key = parameter("/api/v1/awards", PathItem.HttpMethod.POST, "Idempotency-Key");
        assertThat(key.getIn()).isEqualTo("header");
        assertThat(key.getSchema().getMaxLength()).isEqualTo(255);
        assertThat(parameter("/api/v1/awards/{awardId}/audit-pack", PathItem.HttpMethod.GET, "lang").getSchema()
                .getEnum()).asList().containsExactly("en", "cy");
    }

    @Test
    void moneyDatesStatusesAndRolesHaveTheirFormats() {
        Map<String, Schema> schemas = document.getComponents().getSchemas();
        String money = "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?$";
        for (String[] field : new String[][] {{"NewAward", "amount"}, {"AwardView", "remaining"},
            {"NewScheme", "budget"}, {"SchemeView", "dualApprovalThreshold"}, {"NewClaimLine", "amount"},
            {"ClaimView", "eligible"}, {"NewPayment", "amount"}, {"RecoveryView", "outstanding"}}) {
            Schema<?> property = property(schemas, field[0], field[1]);
            assertThat(property.getType()).as(field[0] + "." + field[1]).isEqualTo("string");
            assertThat(property.getPattern()).as(field[0] + "." + field[1]).isEqualTo(money);
        }
        Pattern pattern = Pattern.compile(money);
        assertThat(pattern.matcher("2300000.00").matches()).isTrue();
        assertThat(pattern.matcher("999999999999.99").matches()).isTrue();
        assertThat(pattern.matcher("1.005").matches()).isFalse();
        assertThat(pattern.matcher("-1.00").matches()).isFalse();
        assertThat(pattern.matcher("1000000000000").matches()).isFalse();
        assertThat(property(schemas, "NewClaim", "periodStart").getFormat()).isEqualTo("date");
        assertThat(property(schemas, "NewPayment", "paidOn").getFormat()).isEqualTo("date");
        assertThat(property(schemas, "ClaimView", "submittedAt").getFormat()).isEqualTo("date-time");
        assertThat(property(schemas, "AwardView", "status").getEnum()).asList()
                .containsExactly("DRAFT", "OFFERED", "ACTIVE", "CLOSED", "WITHDRAWN");
        assertThat(property(schemas, "ClaimView", "status").getEnum()).asList().contains("QUERIED", "REJECTED");
        assertThat(property(schemas, "UserView", "role").getEnum()).asList()
                .contains("ADMIN", "GRANT_MANAGER", "FINANCE_OFFICER", "AUDITOR", "RECIPIENT");
        assertThat(schemas.get("NewAward").getRequired()).contains("schemeId", "organisationId", "amount");
        assertThat(schemas.get("NewAward").getExample()).isNotNull();
        assertThat(schemas.get("NewScheme").getExample().toString()).contains("PDG-LAC", "5000000.00");
    }

    /** One Problem schema, as the exception mappers write it, behind every error response. */
    @Test
    void theProblemSchemaIsWhatTheErrorMappersWrite() {
        Map<String, Schema> schemas = document.getComponents().getSchemas();
        Schema<?> problem = schemas.get("Problem");
        assertThat(problem.getProperties()).containsOnlyKeys("type", "title", "status", "detail", "errors", "errorId");
        assertThat(problem.getRequired()).containsExactlyInAnyOrder("type", "title", "status");
        assertThat(problem.getProperties().get("errors").getItems().get$ref()).endsWith("/FieldProblem");
        assertThat(schemas.get("FieldProblem").getProperties()).containsOnlyKeys("field", "message");
        assertThat(document.getComponents().getResponses()).allSatisfy((name, response) ->
                assertThat(response.getContent().get(ApiDescription.PROBLEM_JSON).getSchema().get$ref())
                        .isEqualTo("#/components/schemas/Problem"));
        assertThat(document.getComponents().getResponses())
                .containsKeys("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "ContentTooLarge",
                        "UnsupportedMediaType", "UnprocessableContent", "TooManyRequests");
        assertThat(operation("/api/v1/claims/{id}/approve", PathItem.HttpMethod.POST).getResponses())
                .containsKeys("200", "401", "403", "404", "409", "422", "429");
    }

    @Test
    void packsArePdfDownloadsAndTheUploadIsMultipartWithItsParts() {
        for (String path : List.of("/api/v1/awards/{awardId}/audit-pack", "/api/v1/schemes/{schemeId}/audit-pack")) {
            Schema<?> pdf = operation(path, PathItem.HttpMethod.GET).getResponses().get("200").getContent()
                    .get("application/pdf").getSchema();
            assertThat(pdf.getFormat()).as(path).isEqualTo("binary");
        }
        MediaType upload = operation("/api/v1/awards/{awardId}/evidence", PathItem.HttpMethod.POST).getRequestBody()
                .getContent().get("multipart/form-data");
        Schema<?> parts = resolve(upload.getSchema());
        assertThat(parts.getProperties()).containsOnlyKeys("file", "title", "claimId", "supersedes");
        assertThat(parts.getProperties().get("file").getFormat()).isEqualTo("binary");
        assertThat(parts.getRequired()).containsExactlyInAnyOrder("file", "title");
    }

    /** Every component is used: swagger's leftovers (the principal's types, ObjectNode) are gone. */
    @Test
    void noComponentIsUnused() {
        Set<String> referenced = new TreeSet<>();
        Matcher matcher = Pattern.compile("#/components/(schemas|responses)/([A-Za-z0-9_.-]+)").matcher(served);
        while (matcher.find()) {
            referenced.add(matcher.group(1) + "/" + matcher.group(2));
        }
        Set<String> defined = new TreeSet<>();
        document.getComponents().getSchemas().keySet().forEach(name -> defined.add("schemas/" + name));
        document.getComponents().getResponses().keySet().forEach(name -> defined.add("responses/" + name));
        assertThat(defined).as("components never referenced").isSubsetOf(referenced);
        assertThat(Json.pretty(document.getComponents().getSchemas().keySet()))
                .doesNotContain("GrantsPrincipal", "ObjectNode");
    }

    private static boolean isWebPages(Class<?> type) {
        Produces produces = type.getAnnotation(Produces.class);
        return produces != null && List.of(produces.value()).stream().anyMatch(value -> value.startsWith("text/html"));
    }

    private static boolean isProblem(ApiResponse response) {
        ApiResponse resolved = response;
        if (response.get$ref() != null) {
            resolved = document.getComponents().getResponses()
                    .get(response.get$ref().substring("#/components/responses/".length()));
        }
        return resolved != null && resolved.getDescription() != null && resolved.getContent() != null
                && resolved.getContent().size() == 1 && resolved.getContent().get(ApiDescription.PROBLEM_JSON) != null
                && "#/components/schemas/Problem".equals(
                        resolved.getContent().get(ApiDescription.PROBLEM_JSON).getSchema().get$ref());
    }

    private static void forEachOperation(java.util.function.BiConsumer<String, Operation> check) {
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                check.accept(method + " " + path + " (" + operation.getOperationId() + ")", operation)));
    }

    private static Operation operation(String path, PathItem.HttpMethod method) {
        return document.getPaths().get(path).readOperationsMap().get(method);
    }

    private static Parameter parameter(String path, PathItem.HttpMethod method, String name) {
        return operation(path, method).getParameters().stream().filter(parameter -> parameter.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(method + " " + path + " has no parameter " + name));
    }

    private static Schema<?> property(Map<String, Schema> schemas, String schema, String property) {
        assertThat(schemas).as("schemas").containsKey(schema);
        assertThat(schemas.get(schema).getProperties()).as(schema).containsKey(property);
        return (Schema<?>) schemas.get(schema).getProperties().get(property);
    }

    private static Schema<?> resolve(Schema<?> schema) {
        if (schema == null || schema.get$ref() == null) {
            return schema;
        }
        return document.getComponents().getSchemas().get(schema.get$ref().substring("#/components/schemas/".length()));
    }
}
