package wales.gov.grants.api;

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

@ExtendWith(DropwizardExtensionsSupport.class)
class AwardApiTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Fixtures fixtures = ApiTestSupport.fixtures(CLOCK);
    private final User manager = fixtures.user(Role.GRANT_MANAGER, null);
    private final User cardiff = fixtures.user(Role.RECIPIENT, fixtures.cardiff());
    private final User swansea = fixtures.user(Role.RECIPIENT, fixtures.swansea());

    @Test
    void managerCreatesSchemeAndAwardOffersItAndTheRecipientAcceptsIt() throws Exception {
        JsonNode scheme = createScheme("1000.00");
        assertThat(scheme.get("budget").asText()).isEqualTo("1000.00");
        assertThat(scheme.get("allocated").asText()).isEqualTo("0.00");

        Reply created = Caller.as(APP, manager).post("/api/v1/awards", awardBody(scheme, "750", cardiffId()));
        assertThat(created.status()).isEqualTo(201);
        JsonNode award = read(created);
        assertThat(created.location()).isEqualTo("/api/v1/awards/" + award.get("id").asText());
        assertThat(award.get("status").asText()).isEqualTo("DRAFT");
        assertThat(award.get("amount").asText()).isEqualTo("750.00");
        assertThat(award.get("remaining").asText()).isEqualTo("750.00");
        assertThat(award.get("outcomeTargets").get(0).get("target").asInt()).isEqualTo(2000);
        String path = "/api/v1/awards/" + award.get("id").asText();

        assertThat(read(Caller.as(APP, manager).post(path + "/offer")).get("status").asText()).isEqualTo("OFFERED");
        assertThat(Caller.as(APP, swansea).post(path + "/accept").status()).isEqualTo(404);
        assertThat(Caller.as(APP, swansea).get(path).status()).isEqualTo(404);
        assertThat(read(Caller.as(APP, cardiff).post(path + "/accept")).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(read(Caller.as(APP, cardiff).get(path)).get("status").asText()).isEqualTo("ACTIVE");

        Reply again = Caller.as(APP, cardiff).post(path + "/accept");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.mediaType()).isEqualTo("application/problem+json");

        JsonNode trail = read(Caller.as(APP, cardiff).get(path + "/audit-events"));
        assertThat(trail.get("items").findValuesAsText("action"))
                .containsExactly("AWARD_CREATED", "AWARD_OFFERED", "AWARD_ACCEPTED");
        assertThat(trail.get("items").get(2).get("by").asText()).isEqualTo(cardiff.username());
        assertThat(trail.get("items").get(2).get("before").get("status").asText()).isEqualTo("OFFERED");
        assertThat(Caller.as(APP, swansea).get(path + "/audit-events").status()).isEqualTo(404);

        JsonNode schemeAfter = read(Caller.as(APP, cardiff).get("/api/v1/schemes/" + scheme.get("id").asText()));
        assertThat(schemeAfter.get("allocated").asText()).isEqualTo("750.00");
    }

    @Test
    void anAwardBeyondTheBudgetIsRefusedWith422AndChangesNothing() throws Exception {
        JsonNode scheme = createScheme("1000.00");
        assertThat(Caller.as(APP, manager).post("/api/v1/awards", awardBody(scheme, "600.00", cardiffId()))
                .status()).isEqualTo(201);
        Reply refused = Caller.as(APP, manager).post("/api/v1/awards", awardBody(scheme, "400.01", cardiffId()));
        assertThat(refused.status()).isEqualTo(422);
        JsonNode problem = read(refused);
        assertThat(problem.get("type").asText()).endsWith("/budget-exceeded");
        assertThat(problem.get("detail").asText()).contains("£1000.01");
        JsonNode list = read(Caller.as(APP, manager).get("/api/v1/awards?schemeId=" + scheme.get("id").asText()));
        assertThat(list.get("total").asInt()).isEqualTo(1);
    }

    @Test
    void recipientsListOnlyTheirOwnOrganisationsAwards() throws Exception {
        JsonNode scheme = createScheme("1000.00");
        Caller.as(APP, manager).post("/api/v1/awards", awardBody(scheme, "100.00", cardiffId()));
        Caller.as(APP, manager).post("/api/v1/awards", awardBody(scheme, "100.00",
                fixtures.swansea().id().toString()));
        String query = "/api/v1/awards?schemeId=" + scheme.get("id").asText();
        assertThat(read(Caller.as(APP, manager).get(query)).get("total").asInt()).isEqualTo(2);
        JsonNode own = read(Caller.as(APP, cardiff).get(query));
        assertThat(own.get("total").asInt()).isEqualTo(1);
        assertThat(own.get("items").get(0).get("organisationId").asText()).isEqualTo(cardiffId());
        JsonNode other = read(Caller.as(APP, cardiff).get(query + "&organisationId=" + fixtures.swansea().id()));
        assertThat(other.get("total").asInt()).isZero();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheOriginalAndCreatesNothing() throws Exception {
        JsonNode scheme = createScheme("1000.00");
        String body = awardBody(scheme, "100.00", cardiffId());
        String key = Fixtures.unique("retry-");
        Reply first = Caller.as(APP, manager).post("/api/v1/awards", body, key);
        Reply second = Caller.as(APP, manager).post("/api/v1/awards", body, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(read(second).get("id")).isEqualTo(read(first).get("id"));
        Reply different = Caller.as(APP, manager).post("/api/v1/awards",
                awardBody(scheme, "200.00", cardiffId()), key);
        assertThat(different.status()).isEqualTo(422);
        JsonNode after = read(Caller.as(APP, manager).get("/api/v1/schemes/" + scheme.get("id").asText()));
        assertThat(after.get("allocated").asText()).isEqualTo("100.00");
    }

    @Test
    void bearerTokensIssuedForBasicCredentialsWorkAndAreAudited() throws Exception {
        Reply issued = Caller.as(APP, cardiff).post("/api/v1/tokens");
        assertThat(issued.status()).isEqualTo(201);
        JsonNode token = read(issued);
        assertThat(token.get("expiresAt").asText()).isNotBlank();
        Caller bearer = Caller.bearer(APP, token.get("token").asText());
        assertThat(bearer.get("/api/v1/organisations").status()).isEqualTo(200);
        assertThat(bearer.post("/api/v1/tokens").status()).isEqualTo(401);
        assertThat(Caller.bearer(APP, "not-a-token").get("/api/v1/organisations").status()).isEqualTo(401);
        long events = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM audit_events WHERE action = 'TOKEN_ISSUED' AND actor_username = :name")
                .bind("name", cardiff.username()).mapTo(Long.class).one());
        assertThat(events).isEqualTo(1);
    }

    @Test
    void organisationsHaveEnglishAndWelshNames() throws Exception {
        JsonNode page = read(Caller.as(APP, cardiff).get("/api/v1/organisations?limit=100"));
        assertThat(page.get("total").asInt()).isGreaterThanOrEqualTo(31);
        boolean anglesey = false;
        for (JsonNode organisation : page.get("items")) {
            if (organisation.get("code").asText().equals("W06000001")) {
                anglesey = true;
                assertThat(organisation.get("nameCy").asText()).isEqualTo("Cyngor Sir Ynys Môn");
                assertThat(organisation.get("type").asText()).isEqualTo("LOCAL_AUTHORITY");
            }
        }
        assertThat(anglesey).isTrue();
    }

    private JsonNode createScheme(String budget) throws Exception {
        String code = Fixtures.unique("T").toUpperCase().replaceAll("[^A-Z0-9]", "");
        Reply response = Caller.as(APP, manager).post("/api/v1/schemes", JSON.writeValueAsString(Map.of(
                "code", code, "nameEn", "Test scheme", "nameCy", "Cynllun prawf", "financialYear", "2019-20",
                "budget", budget, "dualApprovalThreshold", "500.00")));
        assertThat(response.status()).isEqualTo(201);
        return read(response);
    }

    private String cardiffId() {
        return fixtures.cardiff().id().toString();
    }

    static String awardBody(JsonNode scheme, String amount, String organisationId) throws Exception {
        return JSON.writeValueAsString(Map.of("schemeId", scheme.get("id").asText(), "organisationId", organisationId,
                "amount", amount, "conditions", java.util.List.of("Spend on care leavers only"),
                "outcomeTargets", java.util.List.of(Map.of("measure", "care-leavers-supported",
                        "description", "Care leavers supported", "target", 2000))));
    }

    static JsonNode read(Reply response) {
        return response.json();
    }
}
