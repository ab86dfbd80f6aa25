package wales.gov.grants.api;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.client.ApiClient;
import wales.gov.grants.client.ApiException;
import wales.gov.grants.client.api.AwardsApi;
import wales.gov.grants.client.api.ClaimsApi;
import wales.gov.grants.client.api.SchemesApi;
import wales.gov.grants.client.api.TokensApi;
import wales.gov.grants.client.model.ApprovalRequest;
import wales.gov.grants.client.model.AwardView;
import wales.gov.grants.client.model.ClaimView;
import wales.gov.grants.client.model.NewAward;
import wales.gov.grants.client.model.NewClaim;
import wales.gov.grants.client.model.NewClaimLine;
import wales.gov.grants.client.model.NewOutcomeTarget;
import wales.gov.grants.client.model.NewScheme;
import wales.gov.grants.client.model.PageViewSchemeView;
import wales.gov.grants.client.model.Problem;
import wales.gov.grants.client.model.SchemeView;
import wales.gov.grants.client.model.TokenView;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A client generated from {@code /openapi.json} in the build (openapi-generator, Java native, under
 * {@code target/generated-test-sources}) walks a grant's journey against the running application: if the document
 * cannot express a part of the API, this does not compile or does not pass, and the document is what to fix.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenApiClientJourneyTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);

    private final Fixtures fixtures = ApiTestSupport.fixtures(CLOCK);
    private final User manager = fixtures.user(Role.GRANT_MANAGER, null);
    private final User finance1 = fixtures.user(Role.FINANCE_OFFICER, null);
    private final User finance2 = fixtures.user(Role.FINANCE_OFFICER, null);
    private final User cardiff = fixtures.user(Role.RECIPIENT, fixtures.cardiff());

    @Test
    void aGeneratedClientSignsInAwardsClaimsApprovesAndReadsAProblem() throws Exception {
        TokenView token = new TokensApi(basic(manager)).issueToken();
        assertThat(token.getTokenType()).isEqualTo("Bearer");
        assertThat(token.getToken()).isNotBlank();
        ApiClient managerClient = bearer(token.getToken());

        String code = Fixtures.unique("OA").toUpperCase().replaceAll("[^A-Z0-9]", "");
        SchemesApi schemes = new SchemesApi(managerClient);
        SchemeView scheme = schemes.createScheme(new NewScheme().code(code).nameEn("Personal Advisers")
                .nameCy("Cynghorwyr Personol").financialYear("2019-20").budget("1000000.00")
                .dualApprovalThreshold("10000.00"), "scheme-" + code);
        assertThat(scheme.getBudget()).isEqualTo("1000000.00");
        PageViewSchemeView listed = schemes.listScheme("2019-20", 500, 0L);
        assertThat(listed.getItems()).extracting(SchemeView::getCode).contains(code);
        assertThat(listed.getTotal()).isGreaterThanOrEqualTo(1L);

        AwardsApi managerAwards = new AwardsApi(managerClient);
        NewAward newAward = new NewAward().schemeId(scheme.getId())
                .organisationId(fixtures.cardiff().id().toString()).amount("45000.00")
                .addConditionsItem("Advisers for care leavers up to 25")
                .addOutcomeTargetsItem(new NewOutcomeTarget().measure("care-leavers-supported")
                        .description("Care leavers supported").target(new BigDecimal("25")));
        AwardView award = managerAwards.createAward(newAward, "award-" + code);
        assertThat(award.getStatus()).isEqualTo(AwardView.StatusEnum.DRAFT);
        assertThat(managerAwards.createAward(newAward, "award-" + code).getId())
                .as("a retry with the same Idempotency-Key").isEqualTo(award.getId());
        assertThat(managerAwards.offerAward(award.getId()).getStatus()).isEqualTo(AwardView.StatusEnum.OFFERED);
        AwardView accepted = new AwardsApi(basic(cardiff)).acceptAward(award.getId());
        assertThat(accepted.getStatus()).isEqualTo(AwardView.StatusEnum.ACTIVE);
        assertThat(accepted.getRemaining()).isEqualTo("45000.00");

        ClaimsApi recipientClaims = new ClaimsApi(basic(cardiff));
        ClaimView claim = recipientClaims.createAwardClaim(award.getId(), new NewClaim()
                .periodStart(java.time.LocalDate.parse("2019-04-01"))
                .periodEnd(java.time.LocalDate.parse("2019-06-30"))
                .addLinesItem(new NewClaimLine().category("grants-to-care-leavers")
                        .description("Direct support payments, 41 care leavers").amount("20500.00")), null);
        assertThat(claim.getAmount()).isEqualTo("20500.00");
        assertThat(recipientClaims.submitClaim(claim.getId()).getStatus()).isEqualTo(ClaimView.StatusEnum.SUBMITTED);

        ClaimsApi firstOfficer = new ClaimsApi(basic(finance1));
        ClaimView once = firstOfficer.approveClaim(claim.getId(), new ApprovalRequest());
        assertThat(once.getStatus()).as("above the threshold one approval is not enough")
                .isEqualTo(ClaimView.StatusEnum.SUBMITTED);
        assertThat(once.getApprovals()).singleElement()
                .satisfies(approval -> assertThat(approval.getBy()).isEqualTo(finance1.username()));

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> firstOfficer.approveClaim(claim.getId(), new ApprovalRequest()));
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
        Problem problem = new ApiClient().getObjectMapper().readValue(refused.getResponseBody(),
                Problem.class);
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getType()).endsWith("/second-approver-must-differ");
        assertThat(problem.getDetail()).isNotBlank();

        ClaimView approved = new ClaimsApi(basic(finance2)).approveClaim(claim.getId(), new ApprovalRequest());
        assertThat(approved.getStatus()).isEqualTo(ClaimView.StatusEnum.APPROVED);
        assertThat(approved.getApprovals()).hasSize(2);

        // a field problem: money given with three decimal places
        ApiException invalid = catchThrowableOfType(ApiException.class, () -> managerAwards.createAward(
                new NewAward().schemeId(scheme.getId()).organisationId(fixtures.cardiff().id().toString())
                        .amount("12.345"), null));
        Problem fields = new ApiClient().getObjectMapper().readValue(invalid.getResponseBody(),
                Problem.class);
        assertThat(fields.getStatus()).isEqualTo(422);
        assertThat(fields.getErrors()).anySatisfy(error -> assertThat(error.getField()).isEqualTo("amount"));
    }

    @Test
    void aRecipientCannotApproveAndAnUnknownTokenIsRefusedWithProblems() throws Exception {
        ApiException wrongRole = catchThrowableOfType(ApiException.class,
                () -> new ClaimsApi(basic(cardiff)).approveClaim("00000000-0000-0000-0000-000000000000", new ApprovalRequest()));
        assertThat(wrongRole.getCode()).isEqualTo(403);
        ApiException unknownToken = catchThrowableOfType(ApiException.class,
                () -> new SchemesApi(bearer("not-a-token")).listScheme(null, null, null));
        assertThat(unknownToken.getCode()).isEqualTo(401);
        Problem problem = new ApiClient().getObjectMapper().readValue(unknownToken.getResponseBody(), Problem.class);
        assertThat(problem.getTitle()).isEqualTo("Unauthorized");
    }

    private static ApiClient basic(User user) {
        String credentials = Base64.getEncoder().encodeToString((user.username() + ":" + Fixtures.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return client("Basic " + credentials);
    }

    private static ApiClient bearer(String token) {
        return client("Bearer " + token);
    }

    /** The document's server is relative ("/"): a client is pointed at the server it reads it from. */
    private static ApiClient client(String authorization) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + APP.getLocalPort());
        client.setReadTimeout(Duration.ofSeconds(30));
        client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        return client;
    }
}
