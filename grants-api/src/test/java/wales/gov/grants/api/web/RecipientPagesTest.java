package wales.gov.grants.api.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport;
import wales.gov.grants.api.GrantsConfiguration;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardStatus;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimStatus;
import wales.gov.grants.claims.ClaimTransition;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recipient's pages over HTTP, as a browser without JavaScript uses them: awards and offers, a claim with lines
 * added and removed by the form itself, checking and submitting, a queried claim changed and sent again, evidence
 * as a plain multipart form, outcome returns; and their refusals (CSRF, another organisation, bad amounts).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RecipientPagesTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);
    private static final Fixtures FIXTURES = ApiTestSupport.fixtures(CLOCK);

    private final Actor manager = FIXTURES.actor(Role.GRANT_MANAGER);
    private final User cardiffUser = FIXTURES.user(Role.RECIPIENT, FIXTURES.cardiff());
    private final Actor cardiff = cardiffUser.asActor();

    private WebClient signedIn(User user) {
        WebClient browser = new WebClient(APP.getLocalPort());
        assertThat(browser.signIn(user.username(), Fixtures.PASSWORD).status()).isEqualTo(303);
        return browser;
    }

    private Award activeAward(String amount) {
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        return FIXTURES.activeAward(manager, scheme, FIXTURES.cardiff(), amount, cardiff);
    }

    private static Map<String, String> claimFields(String action, String... lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("periodStart-day", "1");
        fields.put("periodStart-month", "7");
        fields.put("periodStart-year", "2019");
        fields.put("periodEnd-day", "30");
        fields.put("periodEnd-month", "9");
        fields.put("periodEnd-year", "2019");
        for (int index = 0; index < lines.length / 3; index++) {
            fields.put("line-" + index + "-category", lines[3 * index]);
            fields.put("line-" + index + "-description", lines[3 * index + 1]);
            fields.put("line-" + index + "-amount", lines[3 * index + 2]);
        }
        fields.put("action", action);
        return fields;
    }

    private static long evidenceOf(Claim claim) {
        return FIXTURES.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM evidence WHERE claim_id = :claim").bind("claim", claim.id().value())
                .mapTo(Long.class).one());
    }

    private long claimsOf(Award award) {
        return FIXTURES.claims().listForAward(manager, award.id(), Page.Request.of(10, 0L)).total();
    }

    @Test
    void cardiffDraftsAClaimWithTwoLinesWithoutJavaScriptChecksItAndSubmitsIt() {
        Award award = activeAward("5000.00");
        WebClient browser = signedIn(cardiffUser);
        String form = "/awards/" + award.id() + "/claims/new";
        assertThat(browser.get(form).body()).contains("Make a claim", "name=\"line-0-amount\"")
                .doesNotContain("name=\"line-1-amount\"");

        WebClient.Reply added = browser.post(form, claimFields("add-line", "PDG Access", "School uniforms",
                "1,250.00"));

        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body()).contains("name=\"line-1-amount\"", "value=\"1,250.00\"", "value=\"School uniforms\"",
                "value=\"30\"");
        assertThat(claimsOf(award)).isZero();
        WebClient.Reply removed = browser.post(form, claimFields("remove-0", "A", "first", "1.00", "B", "second",
                "2.00"));
        assertThat(removed.body()).contains("value=\"second\"").doesNotContain("value=\"first\"");

        WebClient.Reply created = browser.post(form, claimFields("continue", "PDG Access", "School uniforms",
                "1,250.00", "PDG Access", "Laptops for study", "310.45"));

        assertThat(created.status()).as(created.body()).isEqualTo(303);
        String check = created.header("Location");
        assertThat(check).endsWith("/check");
        Claim draft = FIXTURES.claims().listForAward(manager, award.id(), Page.Request.of(10, 0L)).items().get(0);
        assertThat(draft.status()).isEqualTo(ClaimStatus.DRAFT);
        assertThat(draft.amount().toDecimalString()).isEqualTo("1560.45");
        WebClient.Reply answers = browser.get("/claims/" + draft.id() + "/check");
        assertThat(answers.body()).contains("Check your claim before you submit it", "£1,250.00", "£310.45",
                "£1,560.45", "1 July 2019", "/claims/" + draft.id() + "/edit");

        WebClient.Reply submitted = browser.post("/claims/" + draft.id() + "/check", Map.of());

        assertThat(submitted.status()).isEqualTo(303);
        assertThat(submitted.header("Location")).endsWith("/claims/" + draft.id() + "/submitted");
        assertThat(browser.get("/claims/" + draft.id() + "/submitted").body())
                .contains("govuk-panel--confirmation", "Claim submitted", "£1,560.45");
        assertThat(FIXTURES.claims().get(manager, draft.id()).claim().status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(browser.get("/claims/" + draft.id() + "/check").status()).isEqualTo(303);
        assertThat(browser.get("/claims/" + draft.id() + "/edit").status()).isEqualTo(404);
        assertThat(browser.get("/cy/no").status()).isEqualTo(404);
    }

    @Test
    void badAmountsKeepTheValuesEnteredAndSayWhatIsWrong() {
        Award award = activeAward("1000.00");
        WebClient browser = signedIn(cardiffUser);
        String form = "/awards/" + award.id() + "/claims/new";
        browser.get(form);

        WebClient.Reply typo = browser.post(form, claimFields("continue", "PDG Access", "Uniforms", "1,000.00x",
                "PDG Access", "Refund", "-5.00"));

        assertThat(typo.status()).isEqualTo(422);
        assertThat(typo.body()).contains("govuk-error-summary", "href=\"#line-0-amount\"", "href=\"#line-1-amount\"",
                "Enter the amount of line 1 in pounds and pence", "value=\"1,000.00x\"", "value=\"-5.00\"",
                "govuk-input--error");

        WebClient.Reply tooMuch = browser.post(form, claimFields("continue", "PDG Access", "Uniforms", "999.99",
                "PDG Access", "Laptops", "0.02"));

        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.body()).contains("The lines add up to £1,000.01, more than the whole award of £1,000.00",
                "value=\"999.99\"", "value=\"0.02\"");
        WebClient.Reply badDate = browser.post(form, Map.of("periodStart-day", "31", "periodStart-month", "2",
                "periodStart-year", "2019", "line-0-category", "<script>x</script>", "line-0-description", "d",
                "line-0-amount", "9999999999999999", "action", "continue"));
        assertThat(badDate.status()).isEqualTo(422);
        assertThat(badDate.body()).contains("href=\"#periodStart-day\"", "href=\"#periodEnd-day\"", "value=\"31\"",
                "&lt;script&gt;").doesNotContain("<script>x");
        assertThat(claimsOf(award)).isZero();
    }

    @Test
    void aPostWithoutTheCsrfTokenChangesNothing() {
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        Award offered = FIXTURES.award(manager, scheme, FIXTURES.cardiff(), "2000.00");
        FIXTURES.awards().transition(manager, offered.id(), AwardTransition.OFFER);
        Award active = activeAward("3000.00");
        WebClient browser = signedIn(cardiffUser);
        browser.get("/awards/" + offered.id() + "/accept");

        Map<String, String> noToken = new LinkedHashMap<>(claimFields("continue", "A", "b", "10.00"));
        assertThat(browser.postRaw("/awards/" + offered.id() + "/accept", Map.of()).status()).isEqualTo(403);
        assertThat(browser.postRaw("/awards/" + offered.id() + "/accept", Map.of("csrfToken", "forged")).status())
                .isEqualTo(403);
        assertThat(browser.postRaw("/awards/" + active.id() + "/claims/new", noToken).status()).isEqualTo(403);

        assertThat(FIXTURES.awards().get(manager, offered.id()).status()).isEqualTo(AwardStatus.OFFERED);
        assertThat(claimsOf(active)).isZero();
        Claim draft = FIXTURES.draftClaim(cardiff, active, 10, "20.00");
        assertThat(browser.postRaw("/claims/" + draft.id() + "/check", Map.of()).status()).isEqualTo(403);
        assertThat(FIXTURES.claims().get(manager, draft.id()).claim().status()).isEqualTo(ClaimStatus.DRAFT);
        WebClient.Reply forgedUpload = multipart(browser, "/claims/" + draft.id() + "/evidence", "wrong",
                "Invoice", "invoice.txt", "plain text".getBytes(StandardCharsets.UTF_8));
        assertThat(forgedUpload.status()).isEqualTo(403);
        assertThat(evidenceOf(draft)).isZero();
    }

    @Test
    void anOfferIsHighlightedAcceptedAfterAConfirmationAndBannered() {
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        Award offered = FIXTURES.award(manager, scheme, FIXTURES.cardiff(), "2000.00");
        FIXTURES.awards().transition(manager, offered.id(), AwardTransition.OFFER);
        WebClient browser = signedIn(cardiffUser);

        assertThat(browser.get("/awards").body()).contains("Your organisation", "offer", "to accept",
                "/awards/" + offered.id() + "/accept");
        assertThat(browser.get("/awards/" + offered.id() + "/accept").body()).contains("Accept this offer",
                "Spend only on care-experienced children");
        WebClient.Reply accepted = browser.post("/awards/" + offered.id() + "/accept", Map.of());

        assertThat(accepted.status()).isEqualTo(303);
        assertThat(accepted.header("Location")).endsWith("/awards/" + offered.id() + "?done=accepted");
        assertThat(browser.get("/awards/" + offered.id() + "?done=accepted").body())
                .contains("govuk-notification-banner--success", "You have accepted the offer", "Make a claim");
        assertThat(FIXTURES.awards().get(manager, offered.id()).status()).isEqualTo(AwardStatus.ACTIVE);
        browser.get("/awards/" + offered.id() + "/accept");
        WebClient.Reply again = browser.post("/awards/" + offered.id() + "/accept", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("govuk-error-summary", "can no longer be accepted");
    }

    @Test
    void aQueriedClaimShowsTheQuestionAndIsChangedAndSentAgain() {
        Award award = activeAward("5000.00");
        Claim submitted = FIXTURES.submittedClaim(cardiff, award, 100, "400.00");
        Actor officer = FIXTURES.actor(Role.FINANCE_OFFICER);
        FIXTURES.claims().transition(officer, submitted.id(), ClaimTransition.QUERY, "Which schools had uniforms?");
        WebClient browser = signedIn(cardiffUser);

        WebClient.Reply edit = browser.get("/claims/" + submitted.id() + "/edit");
        assertThat(edit.body()).contains("Which schools had uniforms?", "value=\"400.00\"");
        WebClient.Reply changed = browser.post("/claims/" + submitted.id() + "/edit", claimFields("continue",
                "PDG Access", "Uniforms at Ysgol Glantaf", "350.00"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(303);
        assertThat(browser.get("/claims/" + submitted.id() + "/check").body()).contains("£350.00",
                "Which schools had uniforms?");
        assertThat(browser.post("/claims/" + submitted.id() + "/check", Map.of()).status()).isEqualTo(303);

        Claim after = FIXTURES.claims().get(manager, submitted.id()).claim();
        assertThat(after.status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(after.amount().toDecimalString()).isEqualTo("350.00");
        assertThat(FIXTURES.awards().get(manager, award.id()).claimed().toDecimalString()).isEqualTo("350.00");
    }

    @Test
    void evidenceIsAPlainMultipartFormWithTheServicesLimits() {
        Award award = activeAward("5000.00");
        Claim claim = FIXTURES.submittedClaim(cardiff, award, 40, "100.00");
        WebClient browser = signedIn(cardiffUser);
        String path = "/claims/" + claim.id() + "/evidence";
        assertThat(browser.get(path).body()).contains("enctype=\"multipart/form-data\"", "type=\"file\"",
                "<progress", "/static/evidence-upload.mjs");

        WebClient.Reply uploaded = multipart(browser, path, browser.csrfToken(), "Invoice", "invoice.txt",
                "Invoice 42: school uniforms, £100.00\n".getBytes(StandardCharsets.UTF_8));

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(303);
        assertThat(browser.get(path + "?done=uploaded").body()).contains("The file has been uploaded", "invoice.txt");
        WebClient.Reply binary = multipart(browser, path, browser.csrfToken(), "Program", "tool.exe",
                new byte[]{0x4d, 0x5a, (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0});
        assertThat(binary.status()).isEqualTo(415);
        assertThat(binary.body()).contains("govuk-error-summary", "href=\"#file\"", "must be a PDF", "value=\"Program\"");
        WebClient.Reply untitled = multipart(browser, path, browser.csrfToken(), "", "empty.txt", new byte[0]);
        assertThat(untitled.status()).isEqualTo(422);
        assertThat(untitled.body()).contains("href=\"#title\"", "href=\"#file\"");
        assertThat(evidenceOf(claim)).isEqualTo(1);
    }

    @Test
    void anotherOrganisationsAwardClaimAndEvidencePagesAreNotFound() {
        Award award = activeAward("5000.00");
        Claim draft = FIXTURES.draftClaim(cardiff, award, 60, "100.00");
        WebClient swansea = signedIn(FIXTURES.user(Role.RECIPIENT, FIXTURES.swansea()));

        for (String path : new String[]{"/awards/" + award.id(), "/awards/" + award.id() + "/accept",
                "/awards/" + award.id() + "/claims/new", "/awards/" + award.id() + "/outcomes/new",
                "/claims/" + draft.id() + "/check", "/claims/" + draft.id() + "/edit",
                "/claims/" + draft.id() + "/evidence"}) {
            WebClient.Reply reply = swansea.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.body()).as(path).contains("Page not found").doesNotContain("£100.00");
        }
        assertThat(swansea.get("/awards").body()).doesNotContain(award.id().toString());
    }

    @Test
    void outcomeReturnsAreReportedAndListedOnTheAwardPage() {
        Award award = activeAward("5000.00");
        WebClient browser = signedIn(cardiffUser);
        String form = "/awards/" + award.id() + "/outcomes/new";
        assertThat(browser.get(form).body()).contains("Care leavers supported");

        WebClient.Reply bad = browser.post(form, Map.of("measure", "care-leavers-supported", "periodEnd-day", "30",
                "periodEnd-month", "9", "periodEnd-year", "2019", "value", "twelve", "note", "first half"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("href=\"#value\"", "value=\"twelve\"", "first half");
        WebClient.Reply reported = browser.post(form, Map.of("measure", "care-leavers-supported",
                "periodEnd-day", "30", "periodEnd-month", "9", "periodEnd-year", "2019", "value", "42",
                "note", "first half"));

        assertThat(reported.status()).as(reported.body()).isEqualTo(303);
        WebClient.Reply page = browser.get(reported.header("Location").replaceFirst("^https?://[^/]+", ""));
        assertThat(page.body()).contains("Your outcome return has been recorded", "30 September 2019", "42",
                "first half", "-58");
    }

    @Test
    void staffSeeEveryAwardWithFiltersAndTheirOwnActions() {
        Award award = activeAward("5000.00");
        WebClient managerBrowser = signedIn(FIXTURES.user(Role.GRANT_MANAGER, null));
        assertThat(managerBrowser.get("/awards?status=ACTIVE&scheme=" + award.schemeId()).body())
                .contains("/awards/" + award.id(), "name=\"scheme\"", "Active");
        assertThat(managerBrowser.get("/awards?status=NONSENSE").status()).isEqualTo(400);
        assertThat(managerBrowser.get("/awards/" + award.id()).body()).contains("/awards/" + award.id() + "/close")
                .doesNotContain("/claims/new");
        assertThat(signedIn(FIXTURES.user(Role.AUDITOR, null)).get("/awards/" + award.id()).body())
                .contains("/awards/" + award.id() + "/audit");
        assertThat(signedIn(FIXTURES.user(Role.FINANCE_OFFICER, null)).get("/awards/" + award.id()).body())
                .contains("/awards/" + award.id() + "/recoveries");
    }

    /** A multipart form as a browser sends it: the CSRF token first, then the title, then the file. */
    static WebClient.Reply multipart(WebClient browser, String path, String token, String title, String filename,
                                     byte[] content) {
        String boundary = "----grants" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String fields = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrfToken\"\r\n\r\n" + token
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        body.writeBytes(fields.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Cookie", WebRequests.SESSION_COOKIE + "=" + browser.cookie(WebRequests.SESSION_COOKIE))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            return new WebClient.Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
