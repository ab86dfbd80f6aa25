package wales.gov.grants.api.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport;
import wales.gov.grants.api.GrantsConfiguration;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardService;
import wales.gov.grants.awards.AwardStatus;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grant manager's and the auditor's pages over HTTP: schemes and their bars, creating, offering, withdrawing and
 * closing awards, the audit page and the pack download, with every refusal and denial.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ManagerAuditorPagesTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);
    private static final Fixtures FIXTURES = ApiTestSupport.fixtures(CLOCK);
    private static final Pattern SUBMISSION = Pattern.compile("name=\"submission\" value=\"([^\"]*)\"");

    private final Actor manager = FIXTURES.actor(Role.GRANT_MANAGER);
    private final User managerUser = FIXTURES.user(Role.GRANT_MANAGER, null);
    private final User auditor = FIXTURES.user(Role.AUDITOR, null);
    private final User officer = FIXTURES.user(Role.FINANCE_OFFICER, null);
    private final User cardiffUser = FIXTURES.user(Role.RECIPIENT, FIXTURES.cardiff());
    private final User swanseaUser = FIXTURES.user(Role.RECIPIENT, FIXTURES.swansea());

    private static WebClient signedIn(User user) {
        WebClient browser = new WebClient(APP.getLocalPort());
        assertThat(browser.signIn(user.username(), Fixtures.PASSWORD).status()).isEqualTo(303);
        return browser;
    }

    private static List<Award> awardsOf(Scheme scheme) {
        return FIXTURES.awards().list(FIXTURES.actor(Role.AUDITOR), new AwardService.AwardFilter(scheme.id(), null,
                null), Page.Request.of(100, 0L)).items();
    }

    private static AwardStatus status(Award award) {
        return FIXTURES.awards().get(FIXTURES.actor(Role.AUDITOR), award.id()).status();
    }

    /** The create form of {@code scheme} with {@code fields}, as a person fills it in after opening it. */
    private static WebClient.Reply create(WebClient browser, Scheme scheme, Map<String, String> fields) {
        WebClient.Reply form = browser.get("/awards/new?scheme=" + scheme.id());
        assertThat(form.status()).isEqualTo(200);
        Matcher submission = SUBMISSION.matcher(form.body());
        assertThat(submission.find()).isTrue();
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("submission", submission.group(1));
        sent.put("targetRows", "2");
        sent.put("action", "create");
        sent.putAll(fields);
        return browser.post("/awards/new?scheme=" + scheme.id(), sent);
    }

    @Test
    void schemesAreShownAsAccessibleBarsWithTheirFiguresInTextInEnglishAndWelsh() {
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        Actor cardiff = FIXTURES.recipient(FIXTURES.cardiff());
        Award award = FIXTURES.activeAward(manager, scheme, FIXTURES.cardiff(), "62500.00", cardiff);
        FIXTURES.approvedClaim(cardiff, FIXTURES.actor(Role.FINANCE_OFFICER), award, 10, "2500.00");
        WebClient browser = signedIn(managerUser);

        WebClient.Reply page = browser.get("/schemes?page=" + pageOf(browser, scheme));

        assertThat(page.status()).isEqualTo(200);
        String id = scheme.id().toString();
        assertThat(page.body()).contains("role=\"img\"", "aria-labelledby=\"bars-" + id + "-title bars-" + id + "-desc\"",
                "<title id=\"bars-" + id + "-title\">The money of Test scheme</title>",
                "Budget: £100,000.00. Allocated: £62,500.00. Approved: £2,500.00. Paid: £0.00.",
                "fill=\"url(#bars-" + id + "-hatch)\"", ">62.5%<", ">2.5%<", "Left to award", "£37,500.00",
                "href=\"/schemes/" + id + "\"", "<a class=\"govuk-service-navigation__link\" href=\"/schemes\"");
        WebClient.Reply welsh = browser.get("/schemes/" + id + "?lang=cy");
        assertThat(welsh.body()).contains("<html lang=\"cy\"", "Cynllun prawf", "Cyllideb: £100,000.00.",
                "Ar ôl i", "Gweithredol")
                .doesNotContain("Test scheme");
    }

    /** A redirect's target on this server: its path and query. */
    private static String local(WebClient.Reply reply) {
        URI location = URI.create(reply.header("Location"));
        return location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
    }

    /** The page of the schemes list that holds {@code scheme}: other tests add schemes too. */
    private static int pageOf(WebClient browser, Scheme scheme) {
        for (int page = 1; page < 100; page++) {
            WebClient.Reply reply = browser.get("/schemes?page=" + page);
            if (reply.body().contains("/schemes/" + scheme.id() + "\"")) {
                return page;
            }
            if (!reply.body().contains("rel=\"next\"")) {
                break;
            }
        }
        throw new AssertionError("scheme not listed");
    }

    @Test
    void everyRoleSeesTheSchemesAsTheApiAllowsAndARecipientOnlyItsOwnAwards() {
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        FIXTURES.award(manager, scheme, FIXTURES.cardiff(), "1000.00");
        FIXTURES.award(manager, scheme, FIXTURES.swansea(), "2000.00");
        String path = "/schemes/" + scheme.id();

        assertThat(signedIn(officer).get(path).body()).contains("Cardiff", "Swansea")
                .doesNotContain("/awards/new?scheme=", "/offer\"");
        assertThat(signedIn(auditor).get(path).body()).contains("/audit\"").doesNotContain("/awards/new?scheme=");
        String recipientPage = signedIn(cardiffUser).get(path).body();
        assertThat(recipientPage).contains("Cardiff", "1 award").doesNotContain("Swansea", "/offer\"", "/audit\"");
        assertThat(signedIn(managerUser).get(path).body()).contains("/awards/new?scheme=" + scheme.id(),
                "/offer\"", "/withdraw\"");
        assertThat(signedIn(managerUser).get("/schemes/not-an-id").status()).isEqualTo(404);
        assertThat(signedIn(managerUser).get("/schemes/00000000-0000-0000-0000-000000000000").status())
                .isEqualTo(404);
        assertThat(signedIn(managerUser).get("/schemes?page=0").status()).isEqualTo(400);
        assertThat(new WebClient(APP.getLocalPort()).get("/schemes").status()).isEqualTo(303);
    }

    @Test
    void aGrantManagerCreatesAnAwardWithConditionsAndTargetsAndSeesTheBanner() {
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        WebClient browser = signedIn(managerUser);

        WebClient.Reply reply = create(browser, scheme, Map.of("organisation", FIXTURES.cardiff().id().toString(),
                "amount", "£25,000.50", "conditions", "Spend on looked-after children\n\n  Report each term  ",
                "target-0-measure", "children-supported", "target-0-description", "Children supported",
                "target-0-value", "1,200"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(303);
        List<Award> made = awardsOf(scheme);
        assertThat(made).hasSize(1);
        Award award = made.get(0);
        assertThat(award.status()).isEqualTo(AwardStatus.DRAFT);
        assertThat(award.amount().toDecimalString()).isEqualTo("25000.50");
        assertThat(award.conditions()).containsExactly("Spend on looked-after children", "Report each term");
        assertThat(award.outcomeTargets()).singleElement().satisfies(target -> {
            assertThat(target.measure()).isEqualTo("children-supported");
            assertThat(target.target()).isEqualByComparingTo("1200");
        });
        assertThat(local(reply)).isEqualTo("/schemes/" + scheme.id() + "?done=created&award="
                + award.id());
        WebClient.Reply banner = browser.get(local(reply));
        assertThat(banner.body()).contains("govuk-notification-banner--success",
                "The award of £25,000.50 to Cardiff Council is created as a draft.",
                "href=\"/awards/" + award.id() + "/offer\"");
        assertThat(browser.get(local(reply) + "&lang=cy").body())
                .contains("Cyngor Caerdydd", "wedi");
    }

    @Test
    void theFormAddsATargetRowWithoutJavaScriptKeepingWhatWasTyped() {
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        WebClient browser = signedIn(managerUser);

        WebClient.Reply reply = create(browser, scheme, Map.of("action", "add", "amount", "99.00",
                "target-0-measure", "first-measure"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("value=\"99.00\"", "value=\"first-measure\"", "id=\"target-2-measure\"",
                "name=\"targetRows\" value=\"3\"");
        assertThat(awardsOf(scheme)).isEmpty();
    }

    @Test
    void aResubmittedFormCreatesOneAwardAndTheSameFormWithOtherValuesIsRefused() {
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        WebClient browser = signedIn(managerUser);
        WebClient.Reply form = browser.get("/awards/new?scheme=" + scheme.id());
        Matcher submission = SUBMISSION.matcher(form.body());
        assertThat(submission.find()).isTrue();
        Map<String, String> fields = new LinkedHashMap<>(Map.of("submission", submission.group(1),
                "organisation", FIXTURES.cardiff().id().toString(), "amount", "500.00", "targetRows", "1"));

        WebClient.Reply first = browser.post("/awards/new?scheme=" + scheme.id(), fields);
        WebClient.Reply again = browser.post("/awards/new?scheme=" + scheme.id(), fields);
        fields.put("amount", "600.00");
        WebClient.Reply changed = browser.post("/awards/new?scheme=" + scheme.id(), fields);

        assertThat(first.status()).isEqualTo(303);
        assertThat(again.status()).isEqualTo(303);
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.body()).contains("This form has already been sent with other values", "value=\"600.00\"");
        assertThat(awardsOf(scheme)).hasSize(1);
    }

    @Test
    void badInputIsExplainedInTheSummaryAndInlineWithTheValuesKeptAndNothingCreated() {
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        WebClient browser = signedIn(managerUser);

        WebClient.Reply reply = create(browser, scheme, Map.of("organisation", "", "amount", "12.345",
                "conditions", "ok\u0007bell", "target-0-measure", "Bad Measure", "target-0-description", "",
                "target-0-value", "lots", "target-1-measure", "dup", "target-1-description", "d",
                "target-1-value", "1"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).contains("<title>Error: ", "govuk-error-summary",
                "<a href=\"#organisation\">Choose the organisation the award is for</a>",
                "<a href=\"#amount\">Enter the amount in pounds", "href=\"#conditions\"",
                "href=\"#target-0-measure\"", "href=\"#target-0-description\"",
                "<a href=\"#target-0-value\">Enter the target as a number", "id=\"amount-error\"",
                "value=\"12.345\"", "value=\"Bad Measure\"", "value=\"lots\"", "value=\"dup\"",
                "govuk-input--error", "govuk-select--error");
        assertThat(awardsOf(scheme)).isEmpty();

        WebClient.Reply duplicate = create(browser, scheme, Map.of("organisation",
                FIXTURES.cardiff().id().toString(), "amount", "10.00", "target-0-measure", "same",
                "target-0-description", "a", "target-0-value", "1", "target-1-measure", "same",
                "target-1-description", "b", "target-1-value", "2"));
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.body()).contains("<a href=\"#target-1-measure\">Each target needs a measure of its own");
        WebClient.Reply huge = create(browser, scheme, Map.of("organisation", FIXTURES.cardiff().id().toString(),
                "amount", "9".repeat(5000), "target-0-measure", "m", "target-0-description", "d", "target-0-value",
                "1e99999999"));
        assertThat(huge.status()).isEqualTo(422);
        assertThat(huge.body()).contains("href=\"#amount\"", "href=\"#target-0-value\"");
        WebClient.Reply welsh = create(browser, scheme, Map.of("organisation", "not-an-id", "amount", "-5"));
        assertThat(welsh.status()).isEqualTo(422);
        assertThat(browser.get("/awards/new?scheme=" + scheme.id() + "&lang=cy").body()).contains("Creu dyfarniad");
        assertThat(awardsOf(scheme)).isEmpty();
    }

    @Test
    void anAwardBeyondTheBudgetIsRefusedWithWhatIsLeft() {
        Scheme scheme = FIXTURES.scheme(manager, "1000.00", "500.00");
        FIXTURES.award(manager, scheme, FIXTURES.swansea(), "400.00");
        WebClient browser = signedIn(managerUser);

        WebClient.Reply reply = create(browser, scheme, Map.of("organisation", FIXTURES.cardiff().id().toString(),
                "amount", "600.01"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).contains("<a href=\"#amount\">The amount is more than the £600.00 this scheme has "
                + "left to award (its budget is £1,000.00)</a>", "value=\"600.01\"");
        assertThat(awardsOf(scheme)).hasSize(1);
        assertThat(create(browser, scheme, Map.of("organisation", FIXTURES.cardiff().id().toString(),
                "amount", "600.00")).status()).isEqualTo(303);
    }

    @Test
    void onlyAGrantManagerMayCreateAndAFormWithoutItsTokenChangesNothing() {
        Scheme scheme = FIXTURES.scheme(manager, "1000.00", "500.00");
        String path = "/awards/new?scheme=" + scheme.id();
        for (User user : List.of(officer, auditor, cardiffUser)) {
            WebClient browser = signedIn(user);
            assertThat(browser.get(path).status()).isEqualTo(403);
            assertThat(browser.post(path, Map.of("organisation", FIXTURES.cardiff().id().toString(),
                    "amount", "10.00")).status()).isEqualTo(403);
        }
        WebClient browser = signedIn(managerUser);
        assertThat(browser.get("/awards/new").status()).isEqualTo(404);
        assertThat(browser.get("/awards/new?scheme=00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
        browser.get(path);
        WebClient.Reply noToken = browser.postRaw(path, Map.of("organisation", FIXTURES.cardiff().id().toString(),
                "amount", "10.00"));
        WebClient.Reply wrongToken = browser.postRaw(path, Map.of("csrfToken", "forged",
                "organisation", FIXTURES.cardiff().id().toString(), "amount", "10.00"));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(awardsOf(scheme)).isEmpty();
    }

    @Test
    void aGrantManagerOffersAndWithdrawsAfterConfirmingAndARepeatIsExplained() {
        Scheme scheme = FIXTURES.scheme(manager, "1000.00", "500.00");
        Award award = FIXTURES.award(manager, scheme, FIXTURES.cardiff(), "300.00");
        WebClient browser = signedIn(managerUser);

        WebClient.Reply confirm = browser.get("/awards/" + award.id() + "/offer");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("<h1 class=\"govuk-heading-l\">Offer this award</h1>", "Offer award",
                "action=\"/awards/" + award.id() + "/offer\"");
        assertThat(browser.postRaw("/awards/" + award.id() + "/offer", Map.of()).status()).isEqualTo(403);
        assertThat(status(award)).isEqualTo(AwardStatus.DRAFT);
        browser.get("/awards/" + award.id() + "/offer");
        WebClient.Reply offered = browser.post("/awards/" + award.id() + "/offer", Map.of());
        assertThat(offered.status()).isEqualTo(303);
        assertThat(status(award)).isEqualTo(AwardStatus.OFFERED);
        assertThat(browser.get(local(offered)).body())
                .contains("The award of £300.00 is offered to Cardiff Council.");

        WebClient.Reply again = browser.get("/awards/" + award.id() + "/offer");
        assertThat(again.body()).contains("govuk-error-summary", "Only a draft award can be offered. This award is "
                + "Offered.").doesNotContain("action=\"/awards/" + award.id() + "/offer\"");
        WebClient.Reply replay = browser.post("/awards/" + award.id() + "/offer", Map.of());
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body()).contains("its status changed since you opened this page");

        browser.get("/awards/" + award.id() + "/withdraw");
        WebClient.Reply withdrawn = browser.post("/awards/" + award.id() + "/withdraw", Map.of());
        assertThat(withdrawn.status()).isEqualTo(303);
        assertThat(status(award)).isEqualTo(AwardStatus.WITHDRAWN);
        assertThat(browser.get(local(withdrawn) + "&lang=cy").body()).contains("wedi");
    }

    @Test
    void closingAnAwardWithUnfinishedClaimsShowsThePreviewAndNeedsAChoice() {
        Scheme scheme = FIXTURES.scheme(manager, "10000.00", "5000.00");
        Actor cardiff = FIXTURES.recipient(FIXTURES.cardiff());
        Award award = FIXTURES.activeAward(manager, scheme, FIXTURES.cardiff(), "3000.00", cardiff);
        FIXTURES.approvedClaim(cardiff, FIXTURES.actor(Role.FINANCE_OFFICER), award, 5, "1000.00");
        FIXTURES.submittedClaim(cardiff, award, 20, "200.00");
        WebClient browser = signedIn(managerUser);
        String path = "/awards/" + award.id() + "/close";

        WebClient.Reply confirm = browser.get(path);
        assertThat(confirm.body()).contains("What closing it now would record", "£2,000.00",
                "1 waiting for a decision, 1 approved and not fully paid", "name=\"unfinished\"");
        WebClient.Reply noChoice = browser.post(path, Map.of());
        assertThat(noChoice.status()).isEqualTo(409);
        assertThat(noChoice.body()).contains("<a href=\"#unfinished\">This award has unfinished claims",
                "id=\"unfinished-error\"");
        assertThat(status(award)).isEqualTo(AwardStatus.ACTIVE);
        WebClient.Reply keep = browser.post(path, Map.of("unfinished", "keep"));
        assertThat(keep.status()).isEqualTo(409);
        assertThat(keep.body()).contains("value=\"keep\" checked");
        assertThat(status(award)).isEqualTo(AwardStatus.ACTIVE);

        WebClient.Reply closed = browser.post(path, Map.of("unfinished", "close"));
        assertThat(closed.status()).isEqualTo(303);
        assertThat(status(award)).isEqualTo(AwardStatus.CLOSED);
        assertThat(browser.get(local(closed)).body()).contains("is closed.", "Its underspend was £2,000.00.");
        assertThat(browser.get(path).body()).contains("Only an active award can be closed. This award is Closed.");
    }

    @Test
    void awardActionsAreRefusedAsTheApiRefusesThem() {
        Scheme scheme = FIXTURES.scheme(manager, "1000.00", "500.00");
        Award award = FIXTURES.award(manager, scheme, FIXTURES.cardiff(), "300.00");
        for (String action : List.of("offer", "withdraw", "close")) {
            String path = "/awards/" + award.id() + "/" + action;
            for (User user : List.of(officer, auditor, cardiffUser, swanseaUser)) {
                WebClient browser = signedIn(user);
                assertThat(browser.get(path).status()).as(user.role() + " " + action).isEqualTo(403);
                assertThat(browser.post(path, Map.of()).status()).isEqualTo(403);
            }
            WebClient browser = signedIn(managerUser);
            assertThat(browser.get("/awards/00000000-0000-0000-0000-000000000000/" + action).status()).isEqualTo(404);
            assertThat(browser.get("/awards/not-an-id/" + action).status()).isEqualTo(404);
        }
        assertThat(status(award)).isEqualTo(AwardStatus.DRAFT);
    }

    @Test
    void theAuditorSeesTheTrailTheVerificationAndTheChecksInEnglishAndWelsh() {
        Scheme scheme = FIXTURES.scheme(manager, "10000.00", "5000.00");
        Actor cardiff = FIXTURES.recipient(FIXTURES.cardiff());
        Award award = FIXTURES.activeAward(manager, scheme, FIXTURES.cardiff(), "3000.00", cardiff);
        FIXTURES.approvedClaim(cardiff, FIXTURES.actor(Role.FINANCE_OFFICER), award, 5, "1000.00");
        String firstHash = FIXTURES.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT hash FROM audit_events WHERE chain_id = :chain AND chain_position = 1")
                .bind("chain", award.id().toString()).mapTo(String.class).one());
        WebClient browser = signedIn(auditor);

        WebClient.Reply page = browser.get("/awards/" + award.id() + "/audit");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h1 class=\"govuk-heading-l\">Audit trail</h1>", "Chain verification",
                "govuk-tag--green\">Intact", "Award created", "Award offered", "(Grant manager)",
                "<code class=\"grants-hash\">" + firstHash.substring(0, 12) + "</code>",
                "The audit trail is intact and matches a signed checkpoint", "PASS",
                "Evidence is present for every approved claim", "FAIL",
                "href=\"/awards/" + award.id() + "/pack?lang=en\"", "href=\"/awards/" + award.id() + "/pack?lang=cy\"")
                .doesNotContain(firstHash.substring(0, 13) + "<");
        WebClient.Reply welsh = browser.get("/awards/" + award.id() + "/audit?lang=cy");
        assertThat(welsh.body()).contains("<html lang=\"cy\"", "Trywydd archwilio", "Cyfan", "Crëwyd dyfarniad",
                "PASIO", "Cyngor Caerdydd");
    }

    @Test
    void theAuditPageIsTheAuditorsAndAnotherOrganisationsAwardIsNotFound() {
        Scheme scheme = FIXTURES.scheme(manager, "1000.00", "500.00");
        Award award = FIXTURES.award(manager, scheme, FIXTURES.cardiff(), "300.00");
        String path = "/awards/" + award.id() + "/audit";
        assertThat(signedIn(managerUser).get(path).status()).isEqualTo(403);
        assertThat(signedIn(officer).get(path).status()).isEqualTo(403);
        assertThat(signedIn(cardiffUser).get(path).status()).isEqualTo(403);
        assertThat(signedIn(swanseaUser).get(path).status()).isEqualTo(404);
        assertThat(signedIn(auditor).get("/awards/00000000-0000-0000-0000-000000000000/audit").status())
                .isEqualTo(404);
        assertThat(signedIn(auditor).get(path + "?page=x").status()).isEqualTo(400);
        assertThat(new WebClient(APP.getLocalPort()).get(path).status()).isEqualTo(303);
    }

    @Test
    void thePackFromThePageIsTheApisPackByteForByteAndItsDownloadIsAudited() throws Exception {
        Scheme scheme = FIXTURES.scheme(manager, "10000.00", "5000.00");
        Actor cardiff = FIXTURES.recipient(FIXTURES.cardiff());
        Award award = FIXTURES.activeAward(manager, scheme, FIXTURES.cardiff(), "3000.00", cardiff);
        FIXTURES.approvedClaim(cardiff, FIXTURES.actor(Role.FINANCE_OFFICER), award, 5, "1000.00");
        WebClient browser = signedIn(auditor);
        long before = downloads(award);

        HttpResponse<byte[]> page = bytes(browser, "/awards/" + award.id() + "/pack?lang=cy");
        ApiTestSupport.Download api = ApiTestSupport.Caller.as(APP, auditor)
                .download("/api/v1/awards/" + award.id() + "/audit-pack?lang=cy", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(page.body()).isEqualTo(api.body());
        assertThat(page.headers().firstValue("ETag")).hasValue(api.header("ETag"));
        assertThat(page.headers().firstValue("Content-Disposition")).hasValue(api.header("Content-Disposition"));
        assertThat(downloads(award)).isEqualTo(before + 2);
        assertThat(bytes(browser, "/awards/" + award.id() + "/pack?lang=en").body()).isNotEqualTo(api.body());

        assertThat(bytes(browser, "/awards/" + award.id() + "/pack?lang=fr").statusCode()).isEqualTo(400);
        assertThat(bytes(signedIn(cardiffUser), "/awards/" + award.id() + "/pack?lang=cy").statusCode())
                .isEqualTo(403);
        assertThat(bytes(signedIn(swanseaUser), "/awards/" + award.id() + "/pack?lang=cy").statusCode())
                .isEqualTo(404);
        assertThat(bytes(signedIn(FIXTURES.user(Role.ADMIN, null)), "/awards/" + award.id() + "/pack?lang=cy")
                .statusCode()).isEqualTo(403);
        assertThat(bytes(signedIn(managerUser), "/awards/" + award.id() + "/pack?lang=cy").statusCode())
                .isEqualTo(200);
        assertThat(bytes(signedIn(officer), "/awards/" + award.id() + "/pack?lang=cy").statusCode()).isEqualTo(200);
        assertThat(downloads(award)).isEqualTo(before + 5);
    }

    private static long downloads(Award award) {
        return FIXTURES.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM audit_events WHERE action = 'AUDIT_PACK_DOWNLOADED' AND object_id = :award""")
                .bind("award", award.id().toString()).mapTo(Long.class).one());
    }

    private static HttpResponse<byte[]> bytes(WebClient browser, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + path))
                .header("Cookie", WebRequests.SESSION_COOKIE + "=" + browser.cookie(WebRequests.SESSION_COOKIE))
                .timeout(Duration.ofSeconds(60)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theOfferedAwardIsAcceptedElsewhereSoTheWithdrawPageExplainsTheRefusal() {
        Scheme scheme = FIXTURES.scheme(manager, "1000.00", "500.00");
        Award award = FIXTURES.award(manager, scheme, FIXTURES.cardiff(), "300.00");
        FIXTURES.awards().transition(manager, award.id(), AwardTransition.OFFER);
        WebClient browser = signedIn(managerUser);
        browser.get("/awards/" + award.id() + "/withdraw");
        FIXTURES.awards().transition(FIXTURES.recipient(FIXTURES.cardiff()), award.id(), AwardTransition.ACCEPT);

        WebClient.Reply reply = browser.post("/awards/" + award.id() + "/withdraw", Map.of());

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.body()).contains("govuk-error-summary", "its status changed since you opened this page");
        assertThat(status(award)).isEqualTo(AwardStatus.ACTIVE);
    }
}
