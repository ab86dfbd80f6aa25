package wales.gov.grants.api;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.awards.Award;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input of every kind gets the right 4xx problem+json, never a 500, and changes nothing. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BadInputApiTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Fixtures FIXTURES = ApiTestSupport.fixtures(CLOCK);
    private static final User MANAGER = FIXTURES.user(Role.GRANT_MANAGER, null);
    private static final Scheme SCHEME = FIXTURES.scheme(MANAGER.asActor(), "1000.00", "500.00");

    static Stream<Arguments> badSchemes() {
        String megabyte = "x".repeat(1_000_000);
        return Stream.of(
                Arguments.of("malformed JSON", "{\"code\": ", 400, null),
                Arguments.of("not an object", "[1, 2]", 422, "body"),
                Arguments.of("budget as a JSON number", scheme(Map.of("budget", 1000)), 422, "budget"),
                Arguments.of("budget negative", scheme(Map.of("budget", "-1.00")), 422, "budget"),
                Arguments.of("budget with three places", scheme(Map.of("budget", "10.001")), 422, "budget"),
                Arguments.of("budget zero", scheme(Map.of("budget", "0.00")), 422, "budget"),
                Arguments.of("budget too large", scheme(Map.of("budget", "1000000000000.00")), 422, "budget"),
                Arguments.of("budget in words", scheme(Map.of("budget", "ten pounds")), 422, "budget"),
                Arguments.of("financial year not consecutive", scheme(Map.of("financialYear", "2019-21")), 422,
                        "financialYear"),
                Arguments.of("code lower case", scheme(Map.of("code", "bad code")), 422, "code"),
                Arguments.of("name of a megabyte", scheme(Map.of("nameEn", megabyte)), 422, "nameEn"),
                Arguments.of("unknown field", scheme(Map.of("ammount", "5.00")), 422, "ammount"),
                Arguments.of("name as an object", scheme(Map.of("nameCy", Map.of("a", 1))), 422, "nameCy"),
                Arguments.of("missing every field", "{}", 422, "code"),
                Arguments.of("JSON null", "null", 422, null));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("badSchemes")
    void badSchemeRequestsAreRefusedAndCreateNothing(String name, String body, int status, String field) {
        long before = schemeCount();
        Reply reply = Caller.as(APP, MANAGER).post("/api/v1/schemes", body);
        assertProblem(reply, status);
        if (field != null) {
            assertThat(reply.json().get("errors")).as(reply.body()).isNotNull();
            assertThat(reply.json().get("errors").findValuesAsText("field")).contains(field);
        }
        assertThat(schemeCount()).isEqualTo(before);
    }

    @Test
    void aMissingBodyNamesEveryMissingField() {
        Reply reply = Caller.as(APP, MANAGER).post("/api/v1/schemes", "{}");
        assertProblem(reply, 422);
        assertThat(reply.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("code", "nameEn", "nameCy", "financialYear", "budget",
                        "dualApprovalThreshold");
    }

    @Test
    void aBodyOverTheLimitIs413BeforeItIsSent() throws Exception {
        // Only the headers are sent: with "Expect: 100-continue" the server must refuse on Content-Length alone.
        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            socket.setSoTimeout(30_000);
            String request = "POST /api/v1/schemes HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basic()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 3000000\r\n"
                    + "Expect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readNBytes(600), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response).contains("application/problem+json").contains("\"status\":413");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WhileItIsRead() throws Exception {
        // No Content-Length: the limit must hold on the bytes read. Whitespace is valid JSON of any length.
        long before = schemeCount();
        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/schemes HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basic()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            writeChunk(out, "{\"code\":".getBytes(StandardCharsets.US_ASCII));
            byte[] spaces = new byte[64 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            try {
                // 2.5 MiB against the 2 MiB limit; the last chunk is never sent, so only a refusal can answer
                for (int chunk = 0; chunk < 40; chunk++) {
                    writeChunk(out, spaces);
                }
                out.flush();
            } catch (java.io.IOException refusedWhileSending) {
                // the server may close the connection once it has answered
            }
            String response = new String(socket.getInputStream().readNBytes(600), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response).contains("application/problem+json").contains("\"status\":413");
        }
        assertThat(schemeCount()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsAccepted() throws Exception {
        String body = scheme(Map.of());
        String response = raw("POST", "/api/v1/schemes", "Content-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n", Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 201");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"TRACE", "PROPFIND", "BREW"})
    void unknownAndRefusedMethodsGetAProblem(String method) throws Exception {
        String response = raw(method, "/api/v1/schemes", "", null);
        assertThat(response).startsWith("HTTP/1.1 405");
        assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(response).contains("\"status\":405").doesNotContain("Exception");
        assertThat(response.toLowerCase()).contains("\r\nallow: ");
        String allow = response.lines().filter(line -> line.toLowerCase().startsWith("allow:")).findFirst()
                .orElseThrow();
        assertThat(allow).contains("GET").contains("POST").doesNotContain(method);
    }

    @Test
    void aWrongTypeSaysWhatTheFieldTakesAndOnlyMoneyFieldsAreRemindedOfDecimalStrings() {
        Reply name = Caller.as(APP, MANAGER).post("/api/v1/schemes", scheme(Map.of("nameCy", Map.of("a", 1))));
        assertProblem(name, 422);
        assertThat(name.json().get("errors").get(0).get("message").asText())
                .isEqualTo("has the wrong type; expected a string");
        Reply budget = Caller.as(APP, MANAGER).post("/api/v1/schemes", scheme(Map.of("budget", List.of("1.00"))));
        assertProblem(budget, 422);
        assertThat(budget.json().get("errors").get(0).get("message").asText())
                .isEqualTo("has the wrong type; expected a string (amounts are decimal strings such as \"1250.00\")");
    }

    @Test
    void aDuplicateKeyIsRefusedNamingIt() {
        long before = schemeCount();
        String body = scheme(Map.of("budget", "100.00"));
        String duplicated = body.substring(0, body.length() - 1) + ",\"budget\":\"999.00\"}";
        Reply reply = Caller.as(APP, MANAGER).post("/api/v1/schemes", duplicated);
        assertProblem(reply, 400);
        assertThat(reply.json().get("detail").asText()).contains("budget");
        assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("budget");
        assertThat(schemeCount()).isEqualTo(before);
    }

    @Test
    void aDuplicateKeyInsideANestedObjectIsRefusedNamingItsPath() {
        Scheme scheme = FIXTURES.scheme(MANAGER.asActor(), "1000.00", "500.00");
        String amount = "{\"schemeId\":\"" + scheme.id() + "\",\"organisationId\":\"" + FIXTURES.cardiff().id()
                + "\",\"amount\":\"1.00\",\"amount\":\"999.00\"}";
        Reply duplicatedAmount = Caller.as(APP, MANAGER).post("/api/v1/awards", amount);
        assertProblem(duplicatedAmount, 400);
        assertThat(duplicatedAmount.json().get("errors").findValuesAsText("field")).containsExactly("amount");
        String body = "{\"schemeId\":\"" + scheme.id() + "\",\"organisationId\":\"" + FIXTURES.cardiff().id()
                + "\",\"amount\":\"1.00\",\"outcomeTargets\":[{\"measure\":\"m\",\"measure\":\"n\","
                + "\"description\":\"d\",\"target\":1}]}";
        Reply reply = Caller.as(APP, MANAGER).post("/api/v1/awards", body);
        assertProblem(reply, 400);
        assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("outcomeTargets[0].measure");
        assertThat(FIXTURES.schemes().get(MANAGER.asActor(), scheme.id()).allocated().isZero()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ISO-8859-1", "UTF-16", "windows-1252"})
    void aBodyInAnotherCharsetIs415NamingUtf8(String charset) throws Exception {
        long before = schemeCount();
        String body = scheme(Map.of("nameCy", "Cynllun \u00e2"));
        byte[] encoded = body.getBytes(java.nio.charset.Charset.forName(charset));
        Reply reply = Reply.of(Caller.as(APP, MANAGER).request("/api/v1/schemes")
                .post(Entity.entity(encoded, MediaType.valueOf("application/json; charset=" + charset))));
        assertProblem(reply, 415);
        assertThat(reply.json().get("detail").asText()).contains("UTF-8");
        assertThat(schemeCount()).isEqualTo(before);
    }

    @Test
    void aBodyLabelledUtf8IsAccepted() {
        Reply reply = Reply.of(Caller.as(APP, MANAGER).request("/api/v1/schemes")
                .post(Entity.entity(scheme(Map.of("nameCy", "Cynllun \u0175")).getBytes(StandardCharsets.UTF_8),
                        MediaType.valueOf("application/json; charset=utf-8"))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    /** One request over a raw socket (the JDK client refuses unusual methods), read until the server closes. */
    private static String raw(String method, String path, String headers, String body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            socket.setSoTimeout(30_000);
            String request = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basic()
                    + "\r\nConnection: close\r\n" + headers + "\r\n" + (body == null ? "" : body);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void writeChunk(OutputStream out, byte[] bytes) throws java.io.IOException {
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aDuplicateSchemeCodeIsAConflict() {
        String body = scheme(Map.of("code", SCHEME.code()));
        assertProblem(Caller.as(APP, MANAGER).post("/api/v1/schemes", body), 409);
    }

    static Stream<Arguments> badAwards() {
        String scheme = SCHEME.id().toString();
        String cardiff = FIXTURES.cardiff().id().toString();
        return Stream.of(
                Arguments.of("amount negative", award(scheme, cardiff, "-5.00", null), "amount"),
                Arguments.of("amount over-precise", award(scheme, cardiff, "5.555", null), "amount"),
                Arguments.of("amount as number", award(scheme, cardiff, 5, null), "amount"),
                Arguments.of("unknown scheme", award(UUID.randomUUID().toString(), cardiff, "5.00", null), "schemeId"),
                Arguments.of("scheme not an id", award("PDG-LAC", cardiff, "5.00", null), "schemeId"),
                Arguments.of("unknown organisation", award(scheme, UUID.randomUUID().toString(), "5.00", null),
                        "organisationId"),
                Arguments.of("conditions not a list", award(scheme, cardiff, "5.00", Map.of("conditions", "x")),
                        "conditions"),
                Arguments.of("negative target", award(scheme, cardiff, "5.00", Map.of("outcomeTargets",
                        List.of(Map.of("measure", "m", "description", "d", "target", -1)))),
                        "outcomeTargets[0].target"),
                Arguments.of("repeated measure", award(scheme, cardiff, "5.00", Map.of("outcomeTargets",
                        List.of(Map.of("measure", "m", "description", "d", "target", 1),
                                Map.of("measure", "m", "description", "d", "target", 2)))),
                        "outcomeTargets[1].measure"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAwards")
    void badAwardRequestsAreRefusedWith422AndAllocateNothing(String name, String body, String field) {
        Reply reply = Caller.as(APP, MANAGER).post("/api/v1/awards", body);
        assertProblem(reply, 422);
        assertThat(reply.json().get("errors").findValuesAsText("field")).contains(field);
        assertThat(FIXTURES.schemes().get(MANAGER.asActor(), SCHEME.id()).allocated().isZero()).isTrue();
    }

    @Test
    void unknownIdsAreNotFound() {
        Caller manager = Caller.as(APP, MANAGER);
        assertProblem(manager.get("/api/v1/awards/" + UUID.randomUUID()), 404);
        assertProblem(manager.get("/api/v1/awards/not-an-id"), 404);
        assertProblem(manager.get("/api/v1/schemes/" + UUID.randomUUID()), 404);
        assertProblem(manager.get("/api/v1/organisations/%27%3B%20DROP%20TABLE"), 404);
        assertProblem(manager.post("/api/v1/awards/" + UUID.randomUUID() + "/offer"), 404);
        assertProblem(manager.get("/api/v1/no-such-thing"), 404);
    }

    @Test
    void illegalTransitionsAreConflictsAndChangeNothing() {
        Actor manager = MANAGER.asActor();
        Award draft = FIXTURES.award(manager, SCHEME, FIXTURES.cardiff(), "1.00");
        Caller caller = Caller.as(APP, MANAGER);
        assertProblem(caller.post("/api/v1/awards/" + draft.id() + "/close"), 409);
        assertThat(FIXTURES.awards().get(manager, draft.id()).status().name()).isEqualTo("DRAFT");
        assertThat(caller.post("/api/v1/awards/" + draft.id() + "/withdraw").status()).isEqualTo(200);
        assertProblem(caller.post("/api/v1/awards/" + draft.id() + "/offer"), 409);
        assertThat(FIXTURES.awards().get(manager, draft.id()).status().name()).isEqualTo("WITHDRAWN");
    }

    @Test
    void badPagingParametersAre422() {
        Caller caller = Caller.as(APP, MANAGER);
        assertProblem(caller.get("/api/v1/schemes?limit=0"), 422);
        assertProblem(caller.get("/api/v1/schemes?limit=abc"), 422);
        assertProblem(caller.get("/api/v1/schemes?offset=-1"), 422);
        assertProblem(caller.get("/api/v1/awards?status=PENDING"), 422);
        assertProblem(caller.get("/api/v1/awards?schemeId=nope"), 422);
        assertProblem(caller.get("/api/v1/schemes?financialYear=2019"), 422);
    }

    @Test
    void wrongMethodsAndMediaTypesGetProblems() {
        Caller caller = Caller.as(APP, MANAGER);
        assertProblem(Reply.of(caller.request("/api/v1/schemes").delete()), 405);
        assertProblem(Reply.of(caller.request("/api/v1/schemes")
                .post(Entity.entity("code=X", MediaType.APPLICATION_FORM_URLENCODED_TYPE))), 415);
        assertProblem(Reply.of(APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1/schemes")
                .request(MediaType.TEXT_HTML_TYPE).header("Authorization", basic()).get()), 406);
    }

    @Test
    void garbledCredentialsAre401() {
        for (String header : List.of("Basic !!!", "Basic " + "QQ==".repeat(1000), "Bearer ", "Digest abc", "Basic")) {
            Reply reply = Reply.of(APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1/schemes")
                    .request().header("Authorization", header).get());
            assertProblem(reply, 401);
        }
    }

    private static String basic() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (MANAGER.username() + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertProblem(Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        if (status >= 400) {
            assertThat(reply.mediaType()).isEqualTo("application/problem+json");
            JsonNode problem = reply.json();
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            assertThat(problem.get("type").asText()).startsWith("https://");
            assertThat(problem.get("title").asText()).isNotBlank();
            assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    private static long schemeCount() {
        return FIXTURES.jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM schemes")
                .mapTo(Long.class).one());
    }

    private static String scheme(Map<String, ?> overrides) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("code",
                Fixtures.unique("B").toUpperCase().replaceAll("[^A-Z0-9]", ""), "nameEn", "Scheme",
                "nameCy", "Cynllun", "financialYear", "2019-20", "budget", "100.00",
                "dualApprovalThreshold", "50.00"));
        body.putAll(overrides);
        return write(body);
    }

    private static String award(String schemeId, String organisationId, Object amount, Map<String, ?> extra) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("schemeId", schemeId,
                "organisationId", organisationId, "amount", amount));
        if (extra != null) {
            body.putAll(extra);
        }
        return write(body);
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
