package wales.gov.grants.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Administration over HTTP: users, tokens and organisations, the password change every user has, and how each is
 * refused: the wrong role 403, unknown or malformed ids 404, broken rules and bad fields 422 with field errors.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdministrationApiTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEW_PASSWORD = "a long and unusual passphrase";

    private final Fixtures fixtures = ApiTestSupport.fixtures(CLOCK);
    private final User admin = fixtures.user(Role.ADMIN, null);

    @Test
    void anAdministratorCreatesAUserWhoCanSignInAndIsListed() {
        String username = Fixtures.unique("api-");
        Reply created = Caller.as(APP, admin).post("/api/v1/users", json(Map.of("username", username,
                "displayName", "Rhys Evans", "role", "RECIPIENT", "organisationId",
                fixtures.cardiff().id().toString(), "password", NEW_PASSWORD)), Fixtures.unique("user-"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode user = created.json();
        assertThat(created.location()).isEqualTo("/api/v1/users/" + user.get("id").asText());
        assertThat(user.get("username").asText()).isEqualTo(username);
        assertThat(user.get("role").asText()).isEqualTo("RECIPIENT");
        assertThat(user.get("organisationId").asText()).isEqualTo(fixtures.cardiff().id().toString());
        assertThat(user.get("enabled").asBoolean()).isTrue();
        assertThat(java.time.Instant.parse(user.get("createdAt").asText())).isBefore(CLOCK.instant());
        assertThat(created.body()).doesNotContain(NEW_PASSWORD).doesNotContain("password");

        assertThat(Caller.basic(APP, username, NEW_PASSWORD).get("/api/v1/users/me").json().get("id").asText())
                .isEqualTo(user.get("id").asText());
        assertThat(Caller.as(APP, admin).get("/api/v1/users/" + user.get("id").asText()).json().get("username")
                .asText()).isEqualTo(username);
        Reply page = Caller.as(APP, admin).get("/api/v1/users?limit=2");
        assertThat(page.json().get("items")).hasSize(2);
        assertThat(page.json().get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(page.json().get("nextOffset").asInt()).isEqualTo(2);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyCreatesOneUserAndATakenUsernameIsAConflict() {
        String username = Fixtures.unique("idem-");
        String body = json(Map.of("username", username, "displayName", "Idem", "role", "AUDITOR",
                "password", NEW_PASSWORD));
        String key = Fixtures.unique("key-");
        Reply first = Caller.as(APP, admin).post("/api/v1/users", body, key);
        Reply retry = Caller.as(APP, admin).post("/api/v1/users", body, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        Reply taken = Caller.as(APP, admin).post("/api/v1/users", body);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.mediaType()).isEqualTo("application/problem+json");
    }

    @Test
    void badUserFieldsAre422WithEveryFieldError() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", "Robert\u0000Tables");
        body.put("displayName", "Bobby\u001b[31m");
        body.put("role", "FINANCE_OFFICER");
        body.put("organisationId", fixtures.cardiff().id().toString());
        body.put("password", "password1234");
        Reply refused = Caller.as(APP, admin).post("/api/v1/users", json(body));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("username", "displayName", "organisationId", "password");
        Reply unknownField = Caller.as(APP, admin).post("/api/v1/users", "{\"username\":\"x\",\"admin\":true}");
        assertThat(unknownField.status()).isEqualTo(422);
        assertThat(Caller.as(APP, admin).post("/api/v1/users", "{\"username\":").status()).isEqualTo(400);
    }

    @Test
    void otherRolesAre403OnAdministrationAndUnknownOrMalformedIdsAre404() {
        User finance = fixtures.user(Role.FINANCE_OFFICER, null);
        User recipient = fixtures.user(Role.RECIPIENT, fixtures.cardiff());
        for (User caller : new User[] {finance, recipient}) {
            assertThat(Caller.as(APP, caller).get("/api/v1/users").status()).isEqualTo(403);
            assertThat(Caller.as(APP, caller).get("/api/v1/users/" + admin.id()).status()).isEqualTo(403);
            assertThat(Caller.as(APP, caller).post("/api/v1/users/" + admin.id() + "/disable").status())
                    .isEqualTo(403);
            assertThat(Caller.as(APP, caller).post("/api/v1/organisations", json(Map.of("code", "XX1",
                    "nameEn", "X", "nameCy", "X", "type", "OTHER"))).status()).isEqualTo(403);
            assertThat(Caller.as(APP, caller).patch("/api/v1/organisations/" + fixtures.cardiff().id(),
                    "{\"nameEn\":\"Hacked\"}").status()).isEqualTo(403);
        }
        String unknown = java.util.UUID.randomUUID().toString();
        for (String id : new String[] {unknown, "not-an-id", "1%20OR%201=1"}) {
            for (String path : new String[] {"/api/v1/users/" + id + "/disable", "/api/v1/users/" + id + "/enable",
                    "/api/v1/users/" + id + "/unlock"}) {
                Reply reply = Caller.as(APP, admin).post(path);
                assertThat(reply.status()).as(path).isEqualTo(404);
                assertThat(reply.mediaType()).isEqualTo("application/problem+json");
            }
            assertThat(Caller.as(APP, admin).get("/api/v1/users/" + id).status()).isEqualTo(404);
            assertThat(Caller.as(APP, admin).delete("/api/v1/tokens/" + id).status()).isEqualTo(404);
            assertThat(Caller.as(APP, admin).patch("/api/v1/organisations/" + id, "{\"nameEn\":\"X\"}").status())
                    .isEqualTo(404);
        }
    }

    @Test
    void disablingAUserStopsItsPasswordAndTokensAndAnAdministratorCannotDisableThemselves() {
        User user = fixtures.user(Role.AUDITOR, null);
        String token = Caller.as(APP, user).post("/api/v1/tokens").json().get("token").asText();
        Reply disabled = Caller.as(APP, admin).post("/api/v1/users/" + user.id() + "/disable");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(Caller.as(APP, user).get("/api/v1/schemes").status()).isEqualTo(401);
        assertThat(Caller.bearer(APP, token).get("/api/v1/schemes").status()).isEqualTo(401);
        assertThat(Caller.as(APP, admin).post("/api/v1/users/" + user.id() + "/enable").json().get("enabled")
                .asBoolean()).isTrue();
        assertThat(Caller.as(APP, user).get("/api/v1/schemes").status()).isEqualTo(200);
        assertThat(Caller.bearer(APP, token).get("/api/v1/schemes").status()).as("revoked on disable")
                .isEqualTo(401);

        Reply self = Caller.as(APP, admin).post("/api/v1/users/" + admin.id() + "/disable");
        assertThat(self.status()).isEqualTo(422);
        assertThat(self.json().get("type").asText()).endsWith("/self-disable");
    }

    @Test
    void unlockLiftsTheThrottle() {
        User user = fixtures.user(Role.AUDITOR, null);
        for (int attempt = 0; attempt < Fixtures.MAX_FAILURES_PER_USERNAME; attempt++) {
            assertThat(Caller.basic(APP, user.username(), "guess " + attempt).get("/api/v1/schemes").status())
                    .isEqualTo(401);
        }
        assertThat(Caller.as(APP, user).get("/api/v1/schemes").status()).isEqualTo(429);
        Reply unlocked = Caller.as(APP, admin).post("/api/v1/users/" + user.id() + "/unlock");
        assertThat(unlocked.status()).isEqualTo(200);
        assertThat(unlocked.json().get("failuresForgotten").asInt()).isEqualTo(6);
        assertThat(Caller.as(APP, user).get("/api/v1/schemes").status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeWithATokenKeepsThatTokenAndRevokesTheOthers() {
        User user = fixtures.user(Role.GRANT_MANAGER, null);
        String used = Caller.as(APP, user).post("/api/v1/tokens").json().get("token").asText();
        String other = Caller.as(APP, user).post("/api/v1/tokens").json().get("token").asText();
        Reply changed = Caller.bearer(APP, used).post("/api/v1/users/me/password", json(Map.of(
                "currentPassword", Fixtures.PASSWORD, "newPassword", NEW_PASSWORD)));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("tokensRevoked").asInt()).isEqualTo(1);
        assertThat(Caller.bearer(APP, used).get("/api/v1/schemes").status()).isEqualTo(200);
        assertThat(Caller.bearer(APP, other).get("/api/v1/schemes").status()).isEqualTo(401);
        assertThat(Caller.as(APP, user).get("/api/v1/schemes").status()).as("old password").isEqualTo(401);
        assertThat(Caller.basic(APP, user.username(), NEW_PASSWORD).get("/api/v1/schemes").status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeWithBasicRevokesEveryTokenAndAWrongCurrentPasswordIsThrottled() {
        User user = fixtures.user(Role.GRANT_MANAGER, null);
        String token = Caller.as(APP, user).post("/api/v1/tokens").json().get("token").asText();
        for (int attempt = 0; attempt < Fixtures.MAX_FAILURES_PER_USERNAME; attempt++) {
            Reply wrong = Caller.bearer(APP, token).post("/api/v1/users/me/password", json(Map.of(
                    "currentPassword", "guess " + attempt, "newPassword", NEW_PASSWORD)));
            assertThat(wrong.status()).isEqualTo(422);
            assertThat(wrong.json().get("errors").get(0).get("field").asText()).isEqualTo("currentPassword");
        }
        assertThat(Caller.bearer(APP, token).post("/api/v1/users/me/password", json(Map.of(
                "currentPassword", Fixtures.PASSWORD, "newPassword", NEW_PASSWORD))).status()).isEqualTo(429);
        assertThat(Caller.as(APP, admin).post("/api/v1/users/" + user.id() + "/unlock").status()).isEqualTo(200);

        Reply weak = Caller.as(APP, user).post("/api/v1/users/me/password", json(Map.of(
                "currentPassword", Fixtures.PASSWORD, "newPassword", user.username())));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.json().get("errors").get(0).get("field").asText()).isEqualTo("newPassword");
        Reply changed = Caller.as(APP, user).post("/api/v1/users/me/password", json(Map.of(
                "currentPassword", Fixtures.PASSWORD, "newPassword", NEW_PASSWORD)));
        assertThat(changed.json().get("tokensRevoked").asInt()).isEqualTo(1);
        assertThat(Caller.bearer(APP, token).get("/api/v1/schemes").status()).isEqualTo(401);
    }

    @Test
    void tokensAreListedWithoutSecretsRevokedBySigningOutAndAnotherUsersAreNotFound() {
        User user = fixtures.user(Role.AUDITOR, null);
        User other = fixtures.user(Role.AUDITOR, null);
        String token = Caller.as(APP, user).post("/api/v1/tokens").json().get("token").asText();
        Caller.as(APP, user).post("/api/v1/tokens");
        Reply list = Caller.bearer(APP, token).get("/api/v1/tokens");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(token);
        assertThat(list.json().get("total").asInt()).isEqualTo(2);
        JsonNode current = null;
        for (JsonNode item : list.json().get("items")) {
            if (item.get("current").asBoolean()) {
                current = item;
            }
        }
        assertThat(current).isNotNull();
        assertThat(java.time.Instant.parse(current.get("lastUsedAt").asText())).isBefore(CLOCK.instant());
        assertThat(current.get("createdFrom").asText()).isEqualTo("127.0.0.1");
        String id = current.get("id").asText();

        assertThat(Caller.as(APP, other).delete("/api/v1/tokens/" + id).status()).isEqualTo(404);
        assertThat(Caller.as(APP, other).get("/api/v1/tokens?userId=" + user.id()).status()).isEqualTo(403);
        assertThat(Caller.as(APP, admin).get("/api/v1/tokens?userId=" + user.id()).json().get("total").asInt())
                .isEqualTo(2);
        assertThat(Caller.as(APP, admin).get("/api/v1/tokens?userId=nonsense").status()).isEqualTo(422);

        Reply basic = Caller.as(APP, user).delete("/api/v1/tokens/current");
        assertThat(basic.status()).isEqualTo(422);
        assertThat(basic.json().get("type").asText()).endsWith("/bearer-required");
        assertThat(Caller.bearer(APP, token).delete("/api/v1/tokens/current").status()).isEqualTo(204);
        assertThat(Caller.bearer(APP, token).get("/api/v1/schemes").status()).isEqualTo(401);
        assertThat(Caller.as(APP, user).get("/api/v1/tokens").json().get("total").asInt()).isEqualTo(1);
        String remaining = Caller.as(APP, user).get("/api/v1/tokens").json().get("items").get(0).get("id").asText();
        assertThat(Caller.as(APP, admin).delete("/api/v1/tokens/" + remaining).status()).isEqualTo(204);
        assertThat(Caller.as(APP, user).get("/api/v1/tokens").json().get("total").asInt()).isZero();
    }

    @Test
    void anAdministratorAddsAnOrganisationAndCorrectsItsNamesByMergePatch() {
        String code = Fixtures.unique("ORG").toUpperCase().replaceAll("[^A-Z0-9]", "");
        Reply created = Caller.as(APP, admin).post("/api/v1/organisations", json(Map.of("code", code,
                "nameEn", "Mid and West Wales Fostering", "nameCy", "Maethu Canolbarth a Gorllewin Cymru",
                "type", "OTHER")), Fixtures.unique("org-"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.location()).isEqualTo("/api/v1/organisations/" + id);
        assertThat(Caller.as(APP, admin).post("/api/v1/organisations", json(Map.of("code", code,
                "nameEn", "Again", "nameCy", "Eto", "type", "OTHER"))).status()).isEqualTo(409);

        Reply renamed = Caller.as(APP, admin).patch("/api/v1/organisations/" + id,
                "{\"nameCy\":\"Maethu Cymru Canolbarth a’r Gorllewin\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("nameEn").asText()).isEqualTo("Mid and West Wales Fostering");
        assertThat(renamed.json().get("nameCy").asText()).isEqualTo("Maethu Cymru Canolbarth a’r Gorllewin");

        Reply bad = Caller.as(APP, admin).patch("/api/v1/organisations/" + id,
                "{\"nameEn\":null,\"nameCy\":7,\"code\":\"NEW\",\"colour\":\"red\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("nameEn", "nameCy", "code", "colour");
        assertThat(Caller.as(APP, admin).patch("/api/v1/organisations/" + id, "{\"nameEn\":\"Line\\nbreak\"}")
                .status()).isEqualTo(422);
        assertThat(Caller.as(APP, admin).patch("/api/v1/organisations/" + id, "[]").status()).isEqualTo(422);
        assertThat(Caller.as(APP, admin).patch("/api/v1/organisations/" + id, "{\"nameEn\":").status())
                .isEqualTo(400);
        long events = fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM audit_events WHERE object_type = 'organisation' AND object_id = :id""")
                .bind("id", id).mapTo(Long.class).one());
        assertThat(events).as("created and renamed once").isEqualTo(2);
    }

    private static String json(Map<String, ?> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
