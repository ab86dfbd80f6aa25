package wales.gov.grants.api;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.api.multipart.MultipartBody;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.SampleFiles;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/** Double-funding warnings, acknowledged approvals and delegations, end to end over HTTP. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ControlsApiTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Fixtures fixtures = ApiTestSupport.fixtures(CLOCK);
    private final String today = CLOCK.today().toString();
    private final User manager = fixtures.user(Role.GRANT_MANAGER, null);
    private final User finance1 = fixtures.user(Role.FINANCE_OFFICER, null);
    private final User finance2 = fixtures.user(Role.FINANCE_OFFICER, null);
    private final User auditor = fixtures.user(Role.AUDITOR, null);
    private final User admin = fixtures.user(Role.ADMIN, null);
    private final User cardiff = fixtures.user(Role.RECIPIENT, fixtures.cardiff());
    private final User swansea = fixtures.user(Role.RECIPIENT, fixtures.swansea());

    @Test
    void aFileSharedByTwoOrganisationsIsAWarningForFinanceAndInvisibleToTheRecipients() throws Exception {
        byte[] invoice = SampleFiles.utf8("Invoice " + Fixtures.unique("shared"));
        byte[] fresh = SampleFiles.utf8("Invoice " + Fixtures.unique("fresh"));
        Shared shared = sharedFile(invoice);
        // the second organisation's upload of the same bytes answers exactly as an upload of new bytes does
        Reply same = upload(swansea, shared.swanseaAward(), shared.swanseaClaim(), invoice);
        Reply other = upload(swansea, shared.swanseaAward(), shared.swanseaClaim(), fresh);
        assertThat(same.status()).isEqualTo(201).isEqualTo(other.status());
        assertThat(fieldNames(same.json())).isEqualTo(fieldNames(other.json()));
        assertThat(headerNames(same)).isEqualTo(headerNames(other));
        assertThat(same.json().get("uploadedBy").asText()).isEqualTo(other.json().get("uploadedBy").asText());

        String warnings = "/api/v1/claims/" + shared.cardiffClaim().id() + "/warnings";
        Reply found = Caller.as(APP, finance1).get(warnings);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        JsonNode warning = found.json().get(0);
        assertThat(found.json().size()).isEqualTo(1);
        assertThat(warning.get("kind").asText()).isEqualTo("SHARED_EVIDENCE");
        assertThat(warning.get("sha256").asText()).isEqualTo(same.json().get("sha256").asText());
        assertThat(warning.get("otherClaimId").asText()).isEqualTo(shared.swanseaClaim().id().toString());
        assertThat(warning.get("otherAwardId").asText()).isEqualTo(shared.swanseaAward().id().toString());
        assertThat(warning.get("otherOrganisationId").asText()).isEqualTo(fixtures.swansea().id().toString());
        assertThat(Caller.as(APP, auditor).get(warnings).status()).isEqualTo(200);
        assertThat(Caller.as(APP, manager).get(warnings).status()).isEqualTo(200);
        Reply forbidden = Caller.as(APP, cardiff).get(warnings);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body()).doesNotContain(shared.swanseaClaim().id().toString());
        Reply hidden = Caller.as(APP, swansea).get(warnings);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(Caller.as(APP, admin).get(warnings).status()).isEqualTo(403);
        assertThat(Caller.as(APP, finance1).get("/api/v1/claims/not-a-claim/warnings").status()).isEqualTo(404);
    }

    @Test
    void approvingAClaimWithWarningsIsRefusedNamingThemUntilAcknowledgedWithAReason() throws Exception {
        Shared shared = sharedFile(SampleFiles.utf8("Invoice " + Fixtures.unique("approve")));
        String claim = "/api/v1/claims/" + shared.cardiffClaim().id();
        assertThat(Caller.as(APP, cardiff).post(claim + "/submit").status()).isEqualTo(200);

        Reply refused = Caller.as(APP, finance1).post(claim + "/approve");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.mediaType()).isEqualTo("application/problem+json");
        assertThat(refused.json().get("type").asText()).endsWith("warnings-not-acknowledged");
        assertThat(refused.json().get("detail").asText()).contains(shared.swanseaClaim().id().toString(),
                shared.swanseaAward().id().toString());
        Reply noReason = Caller.as(APP, finance1).post(claim + "/approve", "{\"acknowledgeWarnings\": true}");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().get("errors").get(0).get("field").asText()).isEqualTo("reason");
        Reply control = Caller.as(APP, finance1).post(claim + "/approve",
                "{\"acknowledgeWarnings\": true, \"reason\": \"ok\\u0000\"}");
        assertThat(control.status()).isEqualTo(422);
        Reply notBoolean = Caller.as(APP, finance1).post(claim + "/approve",
                "{\"acknowledgeWarnings\": \"yes\", \"reason\": \"ok\"}");
        assertThat(notBoolean.status()).isBetween(400, 422);

        String reason = "Swansea invoice is for a different quarter " + Fixtures.unique("r");
        Reply approved = Caller.as(APP, finance1).post(claim + "/approve",
                JSON.writeValueAsString(Map.of("acknowledgeWarnings", true, "reason", reason)));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("APPROVED");

        String trail = "/api/v1/awards/" + shared.cardiffAward().id() + "/audit-events?limit=500";
        assertThat(Caller.as(APP, finance1).get(trail).body()).contains(reason, "acknowledgedWarnings");
        Reply recipientTrail = Caller.as(APP, cardiff).get(trail);
        assertThat(recipientTrail.status()).isEqualTo(200);
        assertThat(recipientTrail.body()).contains("CLAIM_APPROVED").doesNotContain(reason)
                .doesNotContain("acknowledgedWarnings").doesNotContain(shared.swanseaClaim().id().toString());
        assertThat(Caller.as(APP, cardiff).get(claim).body()).doesNotContain(reason)
                .doesNotContain(shared.swanseaClaim().id().toString());
    }

    @Test
    void aClaimWithoutWarningsIsApprovedWithAnEmptyBodyOrNoneAtAll() {
        Award award = activeAward("1000.00", "500.00");
        Claim one = fixtures.submittedClaim(cardiff.asActor(), award, 0, "10.00");
        Claim two = fixtures.submittedClaim(cardiff.asActor(), award, 1, "10.00");
        Claim three = fixtures.submittedClaim(cardiff.asActor(), award, 2, "10.00");
        assertThat(Caller.as(APP, finance1).post("/api/v1/claims/" + one.id() + "/approve").status()).isEqualTo(200);
        Reply bare = Reply.of(Caller.as(APP, finance1).request("/api/v1/claims/" + two.id() + "/approve")
                .post(null));
        assertThat(bare.status()).as(bare.body()).isEqualTo(200);
        assertThat(Caller.as(APP, finance1).post("/api/v1/claims/" + three.id() + "/approve", "{}").status())
                .isEqualTo(200);
        assertThat(Caller.as(APP, finance1).get("/api/v1/claims/" + one.id() + "/warnings").body()).isEqualTo("[]");
    }

    @Test
    void aFinanceOfficerDelegatesTheDelegateApprovesOnTheirBehalfAndTheDelegatorRevokes() throws Exception {
        Reply created = Caller.as(APP, finance1).post("/api/v1/delegations", delegation(finance2, today, today),
                "delegation-" + Fixtures.unique("k"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode delegation = created.json();
        String path = "/api/v1/delegations/" + delegation.get("id").asText();
        assertThat(created.location()).isEqualTo(path);
        assertThat(delegation.get("delegator").asText()).isEqualTo(finance1.username());
        assertThat(delegation.get("delegate").asText()).isEqualTo(finance2.username());
        assertThat(delegation.get("from").asText()).isEqualTo(today);
        assertThat(Caller.as(APP, finance2).get("/api/v1/delegations").body()).contains(delegation.get("id").asText());
        assertThat(Caller.as(APP, manager).get(path).status()).isEqualTo(200);

        Award award = activeAward("1000.00", "500.00");
        Claim claim = fixtures.submittedClaim(cardiff.asActor(), award, 0, "10.00");
        Reply approved = Caller.as(APP, finance2).post("/api/v1/claims/" + claim.id() + "/approve",
                "{\"onBehalfOf\": \"" + finance1.id() + "\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode approval = approved.json().get("approvals").get(0);
        assertThat(approval.get("by").asText()).isEqualTo(finance2.username());
        assertThat(approval.get("onBehalfOf").asText()).isEqualTo(finance1.username());
        assertThat(approval.get("onBehalfOfUserId").asText()).isEqualTo(finance1.id().toString());

        assertThat(Caller.as(APP, finance2).delete(path).status()).isEqualTo(403);
        Reply revoked = Caller.as(APP, finance1).delete(path);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("revokedBy").asText()).isEqualTo(finance1.username());
        assertThat(Caller.as(APP, finance1).delete(path).status()).isEqualTo(409);
        Claim later = fixtures.submittedClaim(cardiff.asActor(), award, 1, "10.00");
        Reply afterRevocation = Caller.as(APP, finance2).post("/api/v1/claims/" + later.id() + "/approve",
                "{\"onBehalfOf\": \"" + finance1.id() + "\"}");
        assertThat(afterRevocation.status()).isEqualTo(422);
        assertThat(afterRevocation.json().get("type").asText()).endsWith("no-active-delegation");
    }

    @Test
    void delegationRefusalsAreClearProblems() throws Exception {
        String tomorrow = CLOCK.today().plusDays(1).toString();
        assertProblem(Caller.as(APP, finance1).post("/api/v1/delegations", delegation(finance1, today, today)),
                422, "delegation-to-oneself");
        assertProblem(Caller.as(APP, finance1).post("/api/v1/delegations",
                delegation(finance2, today, CLOCK.today().plusDays(30).toString())), 422, "validation");
        assertProblem(Caller.as(APP, finance1).post("/api/v1/delegations", delegation(finance2, tomorrow, today)),
                422, "validation");
        assertProblem(Caller.as(APP, finance1).post("/api/v1/delegations", delegation(manager, today, today)),
                422, "delegate-not-finance-officer");
        assertProblem(Caller.as(APP, finance1).post("/api/v1/delegations", "{\"delegateId\": 7}"), 422, null);
        assertProblem(Caller.as(APP, finance1).post("/api/v1/delegations", "{"), 400, null);
        assertThat(Caller.as(APP, finance1).post("/api/v1/delegations", delegation(finance2, today, tomorrow))
                .status()).isEqualTo(201);
        assertProblem(Caller.as(APP, finance1).post("/api/v1/delegations", delegation(auditorAsOfficer(), tomorrow,
                tomorrow)), 422, "overlapping-delegation");
        assertProblem(Caller.as(APP, manager).post("/api/v1/delegations", delegation(finance2, today, today)),
                403, null);
        assertProblem(Caller.as(APP, finance1).delete("/api/v1/delegations/not-an-id"), 404, null);
    }

    @Test
    void theOpenApiDescriptionHasTheNewEndpointsAndTheApprovalBody() {
        String description = Caller.anonymous(APP).get("/openapi.json").body();
        assertThat(description).contains("/api/v1/claims/{id}/warnings", "/api/v1/delegations",
                "/api/v1/delegations/{id}", "acknowledgeWarnings", "onBehalfOf", "WarningView", "DelegationView");
    }

    private User auditorAsOfficer() {
        return fixtures.user(Role.FINANCE_OFFICER, null);
    }

    private static void assertProblem(Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        if (type != null) {
            assertThat(reply.json().get("type").asText()).endsWith(type);
        }
    }

    private static String delegation(User delegate, String from, String to) throws Exception {
        return JSON.writeValueAsString(Map.of("delegateId", delegate.id().toString(), "from", from, "to", to,
                "reason", "Annual leave"));
    }

    /** Cardiff and Swansea each with a draft claim under its own award, the Cardiff claim supported by the file. */
    private record Shared(Award cardiffAward, Claim cardiffClaim, Award swanseaAward, Claim swanseaClaim) {
    }

    private Shared sharedFile(byte[] content) {
        Scheme scheme = fixtures.scheme(manager.asActor(), "10000.00", "5000.00");
        Award cardiffAward = fixtures.activeAward(manager.asActor(), scheme, fixtures.cardiff(), "1000.00",
                cardiff.asActor());
        Award swanseaAward = fixtures.activeAward(manager.asActor(), scheme, fixtures.swansea(), "1000.00",
                swansea.asActor());
        Claim cardiffClaim = fixtures.draftClaim(cardiff.asActor(), cardiffAward, 0, "100.00");
        Claim swanseaClaim = fixtures.draftClaim(swansea.asActor(), swanseaAward, 0, "100.00");
        assertThat(upload(cardiff, cardiffAward, cardiffClaim, content).status()).isEqualTo(201);
        Shared shared = new Shared(cardiffAward, cardiffClaim, swanseaAward, swanseaClaim);
        Reply theirs = upload(swansea, swanseaAward, swanseaClaim, content);
        assertThat(theirs.status()).isEqualTo(201);
        return shared;
    }

    private static Reply upload(User recipient, Award award, Claim claim, byte[] content) {
        return Caller.as(APP, recipient).upload("/api/v1/awards/" + award.id() + "/evidence", MultipartBody.create()
                .field("title", "Invoice").field("claimId", claim.id().toString())
                .file("invoice.txt", "text/plain", content).build());
    }

    private Award activeAward(String amount, String threshold) {
        Scheme scheme = fixtures.scheme(manager.asActor(), "10000.00", threshold);
        return fixtures.activeAward(manager.asActor(), scheme, fixtures.cardiff(), amount, cardiff.asActor());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> headerNames(Reply reply) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(reply.headers().keySet());
        return names;
    }
}
