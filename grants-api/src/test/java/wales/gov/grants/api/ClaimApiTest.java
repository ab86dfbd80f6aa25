package wales.gov.grants.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class ClaimApiTest {
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
    void aRecipientClaimsTwoOfficersApproveFinancePaysAdjustsRecoversAndTheManagerCloses() throws Exception {
        Award award = activeAward("10000.00", "1000.00");
        Reply created = Caller.as(APP, cardiff).post(claimsOf(award), claimBody("2019-04-01", "2019-06-30",
                line("Uniforms", "School uniforms for 12 pupils", "1200.00"),
                line("Tutoring", "One-to-one tutoring", "300.5")));
        assertThat(created.status()).isEqualTo(201);
        JsonNode claim = created.json();
        String path = "/api/v1/claims/" + claim.get("id").asText();
        assertThat(created.location()).isEqualTo(path);
        assertThat(claim.get("status").asText()).isEqualTo("DRAFT");
        assertThat(claim.get("amount").asText()).isEqualTo("1500.50");
        assertThat(claim.get("lines").get(1).get("amount").asText()).isEqualTo("300.50");

        assertThat(Caller.as(APP, cardiff).post(path + "/submit").json().get("status").asText())
                .isEqualTo("SUBMITTED");
        JsonNode queue = Caller.as(APP, finance1).get("/api/v1/claims?status=SUBMITTED&schemeId="
                + award.schemeId()).json();
        assertThat(queue.get("total").asInt()).isEqualTo(1);
        assertThat(queue.get("items").get(0).get("id").asText()).isEqualTo(claim.get("id").asText());

        JsonNode once = Caller.as(APP, finance1).post(path + "/approve").json();
        assertThat(once.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(once.get("approvals")).hasSize(1);
        Reply sameOfficer = Caller.as(APP, finance1).post(path + "/approve");
        assertThat(sameOfficer.status()).isEqualTo(422);
        assertThat(sameOfficer.json().get("type").asText()).endsWith("/second-approver-must-differ");
        JsonNode approved = Caller.as(APP, finance2).post(path + "/approve").json();
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.get("approvals").get(0).get("by").asText()).isEqualTo(finance1.username());
        assertThat(approved.get("approvals").get(1).get("by").asText()).isEqualTo(finance2.username());
        assertThat(approved.get("approvals").get(1).get("at").asText()).isNotBlank();

        Reply payment = Caller.as(APP, finance1).post(path + "/payments", paymentBody("1500.50", today, "BACS-1"));
        assertThat(payment.status()).isEqualTo(201);
        assertThat(payment.json().get("claimStatus").asText()).isEqualTo("PAID");

        Reply adjustment = Caller.as(APP, finance2).post(path + "/adjustments",
                JSON.writeValueAsString(Map.of("amount", "200.00", "reason", "Tutoring outside the period")));
        assertThat(adjustment.status()).isEqualTo(201);
        JsonNode recovery = adjustment.json().get("recovery");
        assertThat(recovery.get("amount").asText()).isEqualTo("200.00");
        assertThat(recovery.get("status").asText()).isEqualTo("OPEN");

        JsonNode recoveries = Caller.as(APP, auditor).get("/api/v1/recoveries?awardId=" + award.id()).json();
        assertThat(recoveries.get("total").asInt()).isEqualTo(1);
        Reply receipt = Caller.as(APP, finance1).post("/api/v1/recoveries/" + recovery.get("id").asText()
                + "/receipts", JSON.writeValueAsString(Map.of("amount", "50.00", "receivedOn", today,
                "reference", "RCPT-1")));
        assertThat(receipt.status()).isEqualTo(201);
        assertThat(receipt.json().get("outstanding").asText()).isEqualTo("150.00");

        JsonNode details = Caller.as(APP, cardiff).get(path).json();
        assertThat(details.get("status").asText()).isEqualTo("PAID");
        assertThat(details.get("eligible").asText()).isEqualTo("1300.50");
        assertThat(details.get("payments")).hasSize(1);
        assertThat(details.get("adjustments")).hasSize(1);
        List<String> history = new ArrayList<>();
        details.get("history").forEach(event -> history.add(event.get("action").asText()));
        assertThat(history).containsExactly("CLAIM_CREATED", "CLAIM_SUBMITTED", "CLAIM_FIRST_APPROVAL",
                "CLAIM_APPROVED", "PAYMENT_RECORDED", "RECOVERY_RAISED", "CLAIM_ADJUSTED",
                "RECOVERY_RECEIPT_RECORDED");
        assertThat(details.get("history").get(3).get("before").get("awardApproved").asText()).isEqualTo("0.00");
        assertThat(details.get("history").get(3).get("after").get("awardApproved").asText()).isEqualTo("1500.50");

        JsonNode awardView = Caller.as(APP, cardiff).get("/api/v1/awards/" + award.id()).json();
        assertThat(awardView.get("claimed").asText()).isEqualTo("1500.50");
        assertThat(awardView.get("approved").asText()).isEqualTo("1300.50");
        assertThat(awardView.get("paid").asText()).isEqualTo("1500.50");
        assertThat(awardView.get("recovered").asText()).isEqualTo("50.00");
        assertThat(awardView.get("remaining").asText()).isEqualTo("8699.50");

        Reply closed = Caller.as(APP, manager).post("/api/v1/awards/" + award.id() + "/close");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.json().get("underspend").asText()).isEqualTo("8699.50");
        assertThat(closed.json().get("openRecoveries").get(0).get("outstanding").asText()).isEqualTo("150.00");
        Reply afterClose = Caller.as(APP, cardiff).post(claimsOf(award), claimBody("2019-07-01", "2019-07-31",
                line("Uniforms", "More uniforms", "10.00")));
        assertThat(afterClose.status()).isEqualTo(409);
        assertThat(afterClose.mediaType()).isEqualTo("application/problem+json");
    }

    @Test
    void theOpenApiDescriptionListsTheClaimEndpoints() {
        String description = Caller.anonymous(APP).get("/openapi.json").body();
        assertThat(description).contains("/api/v1/awards/{awardId}/claims", "/api/v1/claims/{id}/approve",
                "/api/v1/claims/{id}/payments", "/api/v1/claims/{id}/adjustments",
                "/api/v1/recoveries/{id}/receipts");
    }

    @Test
    void everyNewEndpointRefusesAnonymousCallersWith401() {
        String claim = "/api/v1/claims/" + UUID.randomUUID();
        Caller anonymous = Caller.anonymous(APP);
        for (Reply reply : List.of(
                anonymous.get("/api/v1/awards/" + UUID.randomUUID() + "/claims"),
                anonymous.post("/api/v1/awards/" + UUID.randomUUID() + "/claims", "{}"),
                anonymous.get("/api/v1/claims"),
                anonymous.get(claim),
                anonymous.post(claim + "/submit"),
                anonymous.post(claim + "/approve"),
                anonymous.post(claim + "/reject", "{\"reason\":\"x\"}"),
                anonymous.post(claim + "/query", "{\"question\":\"x\"}"),
                anonymous.post(claim + "/payments", "{}"),
                anonymous.post(claim + "/adjustments", "{}"),
                anonymous.get("/api/v1/recoveries"),
                anonymous.post("/api/v1/recoveries/" + UUID.randomUUID() + "/receipts", "{}"))) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
            assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        }
    }

    @Test
    void eachEndpointRefusesTheWrongRoleWith403AndAnotherOrganisationWith404() throws Exception {
        Award award = activeAward("10000.00", "1000.00");
        Claim submitted = fixtures.submittedClaim(cardiff.asActor(), award, 0, "100.00");
        String path = "/api/v1/claims/" + submitted.id();
        String payment = paymentBody("1.00", today, "R");
        String adjustment = JSON.writeValueAsString(Map.of("amount", "1.00", "reason", "r"));
        String receipt = JSON.writeValueAsString(Map.of("amount", "1.00", "receivedOn", today, "reference", "R"));
        String recoveryPath = "/api/v1/recoveries/" + UUID.randomUUID() + "/receipts";
        String body = claimBody("2019-05-01", "2019-05-02", line("Uniforms", "Shoes", "1.00"));

        for (User wrong : List.of(manager, finance1, auditor, admin)) {
            assertThat(Caller.as(APP, wrong).post(claimsOf(award), body).status()).isEqualTo(403);
            assertThat(Caller.as(APP, wrong).post(path + "/submit").status()).isEqualTo(403);
        }
        for (User wrong : List.of(manager, cardiff, auditor, admin)) {
            assertThat(Caller.as(APP, wrong).post(path + "/approve").status()).isEqualTo(403);
            assertThat(Caller.as(APP, wrong).post(path + "/reject", "{\"reason\":\"x\"}").status()).isEqualTo(403);
            assertThat(Caller.as(APP, wrong).post(path + "/query", "{\"question\":\"x\"}").status())
                    .isEqualTo(403);
            assertThat(Caller.as(APP, wrong).post(path + "/payments", payment).status()).isEqualTo(403);
            assertThat(Caller.as(APP, wrong).post(path + "/adjustments", adjustment).status()).isEqualTo(403);
            assertThat(Caller.as(APP, wrong).post(recoveryPath, receipt).status()).isEqualTo(403);
        }
        assertThat(Caller.as(APP, admin).get("/api/v1/claims").status()).isEqualTo(403);
        assertThat(Caller.as(APP, cardiff).get("/api/v1/recoveries").status()).isEqualTo(403);
        assertThat(Caller.as(APP, admin).get("/api/v1/recoveries").status()).isEqualTo(403);
        assertThat(Caller.as(APP, manager).get("/api/v1/recoveries").status()).isEqualTo(200);

        assertThat(Caller.as(APP, swansea).get(path).status()).isEqualTo(404);
        assertThat(Caller.as(APP, swansea).post(path + "/submit").status()).isEqualTo(404);
        assertThat(Caller.as(APP, swansea).get(claimsOf(award)).status()).isEqualTo(404);
        assertThat(Caller.as(APP, swansea).post(claimsOf(award), body).status()).isEqualTo(404);
        JsonNode ownOnly = Caller.as(APP, swansea).get("/api/v1/claims?schemeId=" + award.schemeId()).json();
        assertThat(ownOnly.get("total").asInt()).isZero();
        assertThat(Caller.as(APP, cardiff).get(path).status()).isEqualTo(200);
        assertThat(Caller.as(APP, auditor).get(path).status()).isEqualTo(200);
        assertThat(Caller.as(APP, finance1).get("/api/v1/claims/not-an-id").status()).isEqualTo(404);
        assertThat(Caller.as(APP, finance1).get(path).json().get("status").asText()).isEqualTo("SUBMITTED");
    }

    @Test
    void badInputIsRefusedWithASpecificProblemAndChangesNothing() throws Exception {
        Award award = activeAward("10000.00", "1000.00");
        Scheme scheme = fixtures.schemes().get(manager.asActor(), SchemeId.fromPath(award.schemeId().toString()));
        Award draftAward = fixtures.award(manager.asActor(), scheme, fixtures.cardiff(), "100.00");
        Claim approved = fixtures.approvedClaim(cardiff.asActor(), finance1.asActor(), award, 200, "100.00");
        String approvedPath = "/api/v1/claims/" + approved.id();
        Caller recipient = Caller.as(APP, cardiff);
        Caller officer = Caller.as(APP, finance2);

        expectProblem(recipient.post(claimsOf(award), claimBody("2019-04-01", "2019-04-30",
                line("Uniforms", "Shoes", "0.00"))), 422, "lines[0].amount");
        expectProblem(recipient.post(claimsOf(award), claimBody("2019-04-01", "2019-04-30",
                line("Uniforms", "Shoes", "-5.00"))), 422, "lines[0].amount");
        expectProblem(recipient.post(claimsOf(award), claimBody("2019-04-01", "2019-04-30",
                line("Uniforms", "Shoes", "1.005"))), 422, "lines[0].amount");
        expectProblem(recipient.post(claimsOf(award), "{\"periodStart\":\"2019-04-01\",\"periodEnd\":\"2019-04-30\","
                + "\"lines\":[{\"category\":\"Uniforms\",\"description\":\"Shoes\",\"amount\":12.5}]}"), 422,
                "lines[0].amount");
        expectProblem(recipient.post(claimsOf(award), claimBody("2019-04-01", "2019-04-30")), 422, "lines");
        expectProblem(recipient.post(claimsOf(award), claimBody("2019-04-01", "2019-04-30",
                line("", "Shoes", "1.00"))), 422, "lines[0].category");
        expectProblem(recipient.post(claimsOf(award), claimBody("2020-03-01", "2020-04-30",
                line("Uniforms", "Shoes", "1.00"))), 422, "periodEnd");
        expectProblem(recipient.post(claimsOf(award), claimBody("2019-04-30", "2019-04-01",
                line("Uniforms", "Shoes", "1.00"))), 422, "periodEnd");
        expectProblem(recipient.post(claimsOf(award), claimBody("2019-13-01", "2019-04-01",
                line("Uniforms", "Shoes", "1.00"))), 422, "periodStart");
        expectProblem(recipient.post(claimsOf(draftAward), claimBody("2019-04-01", "2019-04-30",
                line("Uniforms", "Shoes", "1.00"))), 409, null);
        expectProblem(recipient.post(claimsOf(award), "{\"periodStart\": "), 400, null);
        expectProblem(recipient.post(claimsOf(award), "{\"periodStart\":\"2019-04-01\",\"periodEnd\":\"2019-04-30\","
                + "\"lines\":[],\"colour\":\"red\"}"), 422, "colour");

        String tomorrow = CLOCK.today().plusDays(1).toString();
        String yesterday = CLOCK.today().minusDays(1).toString();
        expectProblem(officer.post(approvedPath + "/payments", paymentBody("10.00", tomorrow, "R")), 422, "paidOn");
        expectProblem(officer.post(approvedPath + "/payments", paymentBody("10.00", yesterday, "R")), 422,
                "paidOn");
        expectProblem(officer.post(approvedPath + "/payments", paymentBody("100.01", today, "R")), 422, null);
        expectProblem(officer.post(approvedPath + "/payments", paymentBody("10.00", today, "")), 422, "reference");
        expectProblem(officer.post(approvedPath + "/adjustments",
                JSON.writeValueAsString(Map.of("amount", "100.01", "reason", "Audit"))), 422, null);
        expectProblem(officer.post(approvedPath + "/adjustments",
                JSON.writeValueAsString(Map.of("amount", "10.00"))), 422, "reason");
        expectProblem(officer.post(approvedPath + "/reject", "{}"), 422, "reason");
        expectProblem(officer.post(approvedPath + "/approve"), 409, null);
        expectProblem(officer.post("/api/v1/claims?status=NOPE"), 405, null);
        expectProblem(officer.get("/api/v1/claims?status=NOPE"), 422, "status");

        JsonNode claims = Caller.as(APP, finance1).get(claimsOf(award)).json();
        assertThat(claims.get("total").asInt()).isEqualTo(1);
        JsonNode after = Caller.as(APP, finance1).get(approvedPath).json();
        assertThat(after.get("paid").asText()).isEqualTo("0.00");
        assertThat(after.get("eligible").asText()).isEqualTo("100.00");
        assertThat(after.get("adjustments")).isEmpty();
        JsonNode awardAfter = Caller.as(APP, finance1).get("/api/v1/awards/" + award.id()).json();
        assertThat(awardAfter.get("approved").asText()).isEqualTo("100.00");
        assertThat(awardAfter.get("paid").asText()).isEqualTo("0.00");
    }

    @Test
    void theSamePaymentPostedTwentyTimesAtOnceWithOneKeyIsRecordedOnce() throws Exception {
        Award award = activeAward("10000.00", "1000.00");
        Claim approved = fixtures.approvedClaim(cardiff.asActor(), finance1.asActor(), award, 0, "500.00");
        String path = "/api/v1/claims/" + approved.id() + "/payments";
        String body = paymentBody("100.00", today, "BACS-42");
        String key = Fixtures.unique("payment-");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Reply> replies = new ArrayList<>();
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int index = 0; index < 20; index++) {
                Callable<Reply> post = () -> {
                    start.await();
                    return Caller.as(APP, finance2).post(path, body, key);
                };
                futures.add(pool.submit(post));
            }
            start.countDown();
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(201));
        assertThat(replies.stream().map(reply -> reply.json().get("id").asText()).distinct()).hasSize(1);
        assertThat(replies.stream().filter(reply -> "true".equals(reply.header("Idempotent-Replayed"))))
                .hasSize(19);

        Reply different = Caller.as(APP, finance2).post(path, paymentBody("100.01", today, "BACS-42"), key);
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.json().get("type").asText()).endsWith("/idempotency-key-reused");

        JsonNode claim = Caller.as(APP, finance1).get("/api/v1/claims/" + approved.id()).json();
        assertThat(claim.get("payments")).hasSize(1);
        assertThat(claim.get("paid").asText()).isEqualTo("100.00");
        assertThat(Caller.as(APP, finance1).get("/api/v1/awards/" + award.id()).json().get("paid").asText())
                .isEqualTo("100.00");
    }

    private void expectProblem(Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
        if (field != null) {
            List<String> fields = new ArrayList<>();
            problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
            assertThat(fields).as(reply.toString()).contains(field);
        }
    }

    private Award activeAward(String amount, String threshold) {
        Scheme scheme = fixtures.scheme(manager.asActor(), "1000000.00", threshold);
        return fixtures.activeAward(manager.asActor(), scheme, fixtures.cardiff(), amount, cardiff.asActor());
    }

    private static String claimsOf(Award award) {
        return "/api/v1/awards/" + award.id() + "/claims";
    }

    private static Map<String, String> line(String category, String description, String amount) {
        return Map.of("category", category, "description", description, "amount", amount);
    }

    private static String claimBody(String start, String end, Map<?, ?>... lines) throws Exception {
        return JSON.writeValueAsString(Map.of("periodStart", start, "periodEnd", end, "lines", List.of(lines)));
    }

    private static String paymentBody(String amount, String paidOn, String reference) throws Exception {
        return JSON.writeValueAsString(Map.of("amount", amount, "paidOn", paidOn, "reference", reference));
    }
}
