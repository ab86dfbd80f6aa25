package wales.gov.grants.api;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo: the three programmes with their published budgets, real organisations, demo users. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DemoModeApiTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP =
            ApiTestSupport.application(CLOCK, ConfigOverride.config("mode", "DEMO"));

    @Test
    void theManagerSeesTheThreeProgrammesWithTheirRealBudgets() {
        Reply reply = Caller.basic(APP, "manager", "demo-password").get("/api/v1/schemes?financialYear=2019-20");
        assertThat(reply.status()).isEqualTo(200);
        Map<String, JsonNode> byCode = new HashMap<>();
        reply.json().get("items").forEach(scheme -> byCode.put(scheme.get("code").asText(), scheme));
        assertThat(byCode.get("PDG-LAC").get("budget").asText()).isEqualTo("5000000.00");
        assertThat(byCode.get("ADOPT").get("budget").asText()).isEqualTo("2300000.00");
        assertThat(byCode.get("SDDF").get("budget").asText()).isEqualTo("2000000.00");
        assertThat(byCode.get("SDDF").get("nameCy").asText()).isEqualTo("Cronfa Dydd Gŵyl Dewi");
        for (JsonNode scheme : byCode.values()) {
            assertThat(new java.math.BigDecimal(scheme.get("allocated").asText()))
                    .isLessThanOrEqualTo(new java.math.BigDecimal(scheme.get("budget").asText()));
        }
    }

    @Test
    void everyDemoUserSignsInWithTheDemoPassword() {
        for (String user : new String[] {"admin", "manager", "finance1", "finance2", "auditor", "cardiff", "swansea",
                "gwe"}) {
            assertThat(Caller.basic(APP, user, "demo-password").get("/api/v1/organisations").status())
                    .as(user).isEqualTo(200);
        }
        assertThat(Caller.basic(APP, "cardiff", "wrong-password").get("/api/v1/organisations").status())
                .isEqualTo(401);
    }

    @Test
    void cardiffHasAnActiveStDavidsDayFundAwardAndSeesNothingElse() {
        JsonNode awards = Caller.basic(APP, "cardiff", "demo-password").get("/api/v1/awards").json();
        assertThat(awards.get("total").asInt()).isGreaterThanOrEqualTo(1);
        awards.get("items").forEach(award -> assertThat(award.get("organisationId").asText())
                .isEqualTo(awards.get("items").get(0).get("organisationId").asText()));
        assertThat(awards.get("items").findValuesAsText("status")).contains("ACTIVE");
    }

    @Test
    void theOpenApiDescriptionCoversTheApi() {
        Reply reply = Caller.anonymous(APP).get("/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode paths = reply.json().get("paths");
        assertThat(paths.has("/api/v1/schemes")).isTrue();
        assertThat(paths.has("/api/v1/awards")).isTrue();
        assertThat(paths.has("/api/v1/awards/{id}/accept")).isTrue();
        assertThat(paths.has("/api/v1/organisations")).isTrue();
        assertThat(paths.has("/api/v1/tokens")).isTrue();
        assertThat(reply.json().get("components").get("securitySchemes").has("basic")).isTrue();
    }
}
