package wales.gov.grants.api.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport;
import wales.gov.grants.api.GrantsConfiguration;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimApproval;
import wales.gov.grants.claims.ClaimStatus;
import wales.gov.grants.delegations.NewDelegation;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Digests;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages end to end over HTTP: sign-in and out, the session cookie, CSRF, headers, the finance officer's work. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebPagesTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);
    private static final Fixtures FIXTURES = ApiTestSupport.fixtures(CLOCK);

    private final Actor manager = FIXTURES.actor(Role.GRANT_MANAGER);
    private final User officer = FIXTURES.user(Role.FINANCE_OFFICER, null);

    private WebClient browser() {
        return new WebClient(APP.getLocalPort());
    }

    private WebClient signedIn(User user) {
        WebClient browser = browser();
        assertThat(browser.signIn(user.username(), Fixtures.PASSWORD).status()).isEqualTo(303);
        return browser;
    }

    private Claim submittedClaim(String threshold, String... amounts) {
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", threshold);
        Actor cardiff = FIXTURES.recipient(FIXTURES.cardiff());
        Award award = FIXTURES.activeAward(manager, scheme, FIXTURES.cardiff(), "50000.00", cardiff);
        return FIXTURES.submittedClaim(cardiff, award, 30, amounts);
    }

    private ClaimStatus status(Claim claim) {
        return FIXTURES.claims().get(manager, claim.id()).claim().status();
    }

    @Test
    void rootIsTheSignInPageWithTheSecurityHeaders() {
        WebClient.Reply page = browser().get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<html lang=\"en\"", "Sign in", "name=\"csrfToken\"")
                .doesNotContain("<script>", "govuk-header__logotype\"");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void anOfficerApprovesUnderADelegationFromTheApprovePageAndOnlyUnderOneInForce() {
        Claim claim = submittedClaim("100000.00", "120.00");
        User delegator = FIXTURES.user(Role.FINANCE_OFFICER, null);
        FIXTURES.services().delegations().create(delegator.asActor(), new NewDelegation(officer.id().toString(),
                CLOCK.today().toString(), CLOCK.today().plusDays(6).toString(), "Annual leave"));
        WebClient browser = signedIn(officer);

        WebClient.Reply form = browser.get("/claims/" + claim.id() + "/approve");
        assertThat(form.body()).contains("Whose approval authority are you using?", "My own",
                "On behalf of " + delegator.username() + " (delegated to you until 21 April 2020)",
                "value=\"" + delegator.id() + "\"");
        // another officer, to whom nothing is delegated, is not asked
        assertThat(signedIn(FIXTURES.user(Role.FINANCE_OFFICER, null)).get("/claims/" + claim.id() + "/approve")
                .body()).doesNotContain("Whose approval authority are you using?");

        // naming an officer who delegated nothing is refused, the choice kept, and nothing changes
        User stranger = FIXTURES.user(Role.FINANCE_OFFICER, null);
        WebClient.Reply refused = browser.post("/claims/" + claim.id() + "/approve",
                Map.of("onBehalfOf", stranger.id().toString()));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("No delegation to you from that finance officer is in force today.");
        assertThat(FIXTURES.claims().get(manager, claim.id()).claim().approvals()).isEmpty();

        browser.get("/claims/" + claim.id() + "/approve");
        assertThat(browser.post("/claims/" + claim.id() + "/approve",
                Map.of("onBehalfOf", delegator.id().toString())).status()).isEqualTo(303);
        ClaimApproval approval = FIXTURES.claims().get(manager, claim.id()).claim().approvals().get(0);
        assertThat(approval.approverUsername()).isEqualTo(officer.username());
        assertThat(approval.onBehalfOfUsername()).isEqualTo(delegator.username());
        assertThat(status(claim)).isEqualTo(ClaimStatus.APPROVED);
        assertThat(browser.get("/claims/" + claim.id()).body()).contains(delegator.username());
    }

    @Test
    void welshChosenOnTheSignInPageOutlivesSigningIn() {
        WebClient browser = browser();
        WebClient.Reply signInPage = browser.get("/?lang=cy");
        // the sign-in form's own cookie does not crowd out the language's
        assertThat(signInPage.headers("Set-Cookie")).anyMatch(cookie -> cookie.startsWith("grants-lang=cy"))
                .anyMatch(cookie -> cookie.startsWith(WebRequests.SIGN_IN_CSRF_COOKIE + "="));

        assertThat(browser.signIn(officer.username(), Fixtures.PASSWORD).status()).isEqualTo(303);
        assertThat(browser.get("/").body()).contains("<html lang=\"cy\"", "Eich gwaith");
    }

    @Test
    void designSystemFilesAreServedFromTheWebjar() {
        WebClient browser = browser();
        assertThat(browser.get("/govuk/govuk-frontend.min.css").status()).isEqualTo(200);
        assertThat(browser.get("/govuk/govuk-frontend.min.js").status()).isEqualTo(200);
        assertThat(browser.get("/static/init.mjs").status()).isEqualTo(200);
        assertThat(browser.get("/assets/fonts/bold-affa96571d-v2.woff").status()).isEqualTo(404);
    }

    @Test
    void signInSetsAFreshHttpOnlySameSiteSessionCookieAndStoresOnlyItsHash() {
        WebClient browser = browser();
        browser.get("/");
        browser.setCookie(WebRequests.SESSION_COOKIE, "chosen-by-an-attacker");

        WebClient.Reply reply = browser.post("/sign-in", Map.of("username", officer.username(),
                "password", Fixtures.PASSWORD));

        assertThat(reply.status()).isEqualTo(303);
        assertThat(reply.header("Location")).endsWith("/");
        String setCookie = reply.headers("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith(WebRequests.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Lax", "Path=/").doesNotContain("Secure");
        String id = browser.cookie(WebRequests.SESSION_COOKIE);
        assertThat(id).isNotEqualTo("chosen-by-an-attacker").hasSizeGreaterThan(40);
        long stored = FIXTURES.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM web_sessions WHERE id_hash = :hash AND user_id = :user")
                .bind("hash", Digests.sha256(id)).bind("user", officer.id().value()).mapTo(Long.class).one());
        assertThat(stored).isEqualTo(1);
        WebClient.Reply home = browser.get("/");
        assertThat(home.body()).contains("Your work", "Sign out");
        assertThat(home.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void aClientClaimingHttpsIsNotBelievedWithoutATrustedProxy() {
        WebClient browser = browser();
        browser.setHeader("X-Forwarded-Proto", "https");
        browser.get("/");
        WebClient.Reply reply = browser.post("/sign-in", Map.of("username", officer.username(),
                "password", Fixtures.PASSWORD));
        assertThat(reply.headers("Set-Cookie")).noneMatch(cookie -> cookie.contains("Secure"));
    }

    @Test
    void wrongPasswordShowsTheErrorSummaryAndKeepsTheUsername() {
        WebClient browser = browser();
        browser.get("/");

        WebClient.Reply reply = browser.post("/sign-in", Map.of("username", officer.username(),
                "password", "not-the-password"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("govuk-error-summary", "Enter a correct username and password",
                "value=\"" + officer.username() + "\"", "<title>Error: ");
        assertThat(browser.cookie(WebRequests.SESSION_COOKIE)).isNull();
    }

    @Test
    void theApiThrottleRefusesPageSignInsTooWithATryLaterPage() {
        User throttled = FIXTURES.user(Role.AUDITOR, null);
        WebClient browser = browser();
        browser.get("/");
        for (int attempt = 0; attempt < Fixtures.MAX_FAILURES_PER_USERNAME; attempt++) {
            browser.post("/sign-in", Map.of("username", throttled.username(), "password", "wrong"));
        }

        WebClient.Reply reply = browser.post("/sign-in", Map.of("username", throttled.username(),
                "password", Fixtures.PASSWORD));

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.header("Retry-After")).isNotNull();
        assertThat(reply.body()).contains("too many attempts to sign in", "try again in");
    }

    @Test
    void signInWithoutTheFormsTokenIsRefused() {
        WebClient browser = browser();
        browser.get("/");

        WebClient.Reply reply = browser.postRaw("/sign-in", Map.of("username", officer.username(),
                "password", Fixtures.PASSWORD));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(browser.cookie(WebRequests.SESSION_COOKIE)).isNull();
    }

    @Test
    void signOutDeletesTheSession() {
        WebClient browser = signedIn(officer);
        String id = browser.cookie(WebRequests.SESSION_COOKIE);
        browser.get("/");

        WebClient.Reply reply = browser.post("/sign-out", Map.of());

        assertThat(reply.status()).isEqualTo(303);
        long left = FIXTURES.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM web_sessions WHERE id_hash = :hash").bind("hash", Digests.sha256(id))
                .mapTo(Long.class).one());
        assertThat(left).isZero();
        WebClient thief = browser();
        thief.setCookie(WebRequests.SESSION_COOKIE, id);
        assertThat(thief.get("/claims").status()).isEqualTo(303);
    }

    @Test
    void signingInAndOutIsAuditedWithTheAddressAndWithoutTheSessionId() {
        User user = FIXTURES.user(Role.AUDITOR, null);
        WebClient browser = signedIn(user);
        String id = browser.cookie(WebRequests.SESSION_COOKIE);
        browser.get("/");
        assertThat(browser.post("/sign-out", Map.of()).status()).isEqualTo(303);
        // signing out again with the same (now deleted) id records nothing more
        WebClient replay = browser();
        replay.setCookie(WebRequests.SESSION_COOKIE, id);
        replay.post("/sign-out", Map.of());

        List<Map<String, Object>> events = FIXTURES.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT action, client_address, details::text AS details FROM audit_events
                        WHERE actor_username = :name AND action IN ('SESSION_STARTED', 'SESSION_ENDED') ORDER BY id""")
                .bind("name", user.username()).mapToMap().list());
        assertThat(events).extracting(event -> event.get("action")).containsExactly("SESSION_STARTED", "SESSION_ENDED");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.get("client_address")).isEqualTo("127.0.0.1");
            assertThat(String.valueOf(event.get("details"))).doesNotContain(id);
        });
    }

    @Test
    void anIdleSessionEnds() {
        WebClient browser = signedIn(officer);
        assertThat(browser.get("/claims").status()).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(29));
        assertThat(browser.get("/claims").status()).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(31));

        WebClient.Reply reply = browser.get("/claims");

        assertThat(reply.status()).isEqualTo(303);
        assertThat(reply.header("Location")).endsWith("/");
    }

    @Test
    void aDecisionWithoutOrWithAWrongTokenIsRefusedAndChangesNothing() {
        Claim claim = submittedClaim("1000.00", "100.00");
        WebClient browser = signedIn(officer);
        browser.get("/claims/" + claim.id() + "/approve");

        assertThat(browser.postRaw("/claims/" + claim.id() + "/approve", Map.of()).status()).isEqualTo(403);
        assertThat(browser.post("/claims/" + claim.id() + "/approve", Map.of("csrfToken", "forged")).status())
                .isEqualTo(403);

        assertThat(status(claim)).isEqualTo(ClaimStatus.SUBMITTED);
    }

    @Test
    void financeOfficerApprovesFromTheQueueAndSeesTheBanner() {
        Claim claim = submittedClaim("1000.00", "120.00", "30.50");
        WebClient browser = signedIn(officer);

        WebClient.Reply queue = browser.get("/claims?status=SUBMITTED&scheme=" + claim.schemeId());
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.body()).contains("/claims/" + claim.id(), "Cardiff", "£150.50");
        WebClient.Reply page = browser.get("/claims/" + claim.id());
        assertThat(page.body()).contains("School uniform and equipment", "£120.00", "£30.50", "History");
        browser.get("/claims/" + claim.id() + "/approve");

        WebClient.Reply approved = browser.post("/claims/" + claim.id() + "/approve", Map.of());

        assertThat(approved.status()).isEqualTo(303);
        assertThat(approved.header("Location")).endsWith("/claims/" + claim.id() + "?done=approved");
        assertThat(browser.get("/claims/" + claim.id() + "?done=approved").body())
                .contains("govuk-notification-banner--success", "The claim is approved.");
        assertThat(status(claim)).isEqualTo(ClaimStatus.APPROVED);
    }

    @Test
    void dualApprovalIsTaggedAndTheSameOfficerTwiceIsExplained() {
        Claim claim = submittedClaim("100.00", "500.00");
        WebClient browser = signedIn(officer);
        assertThat(browser.get("/claims?scheme=" + claim.schemeId()).body()).contains("Needs 2 approvals");
        browser.get("/claims/" + claim.id() + "/approve");
        WebClient.Reply first = browser.post("/claims/" + claim.id() + "/approve", Map.of());
        assertThat(first.header("Location")).endsWith("?done=first-approval");
        assertThat(browser.get("/claims?scheme=" + claim.schemeId()).body()).contains("1 of 2 approvals");

        browser.get("/claims/" + claim.id() + "/approve");
        WebClient.Reply again = browser.post("/claims/" + claim.id() + "/approve", Map.of());

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body()).contains("govuk-error-summary",
                "Its second approval must come from a different finance officer");
        assertThat(status(claim)).isEqualTo(ClaimStatus.SUBMITTED);
    }

    @Test
    void rejectionNeedsAReasonAndKeepsWhatWasTyped() {
        Claim claim = submittedClaim("1000.00", "80.00");
        WebClient browser = signedIn(officer);
        browser.get("/claims/" + claim.id() + "/reject");

        WebClient.Reply empty = browser.post("/claims/" + claim.id() + "/reject", Map.of("text", ""));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("govuk-error-summary", "href=\"#text\"");

        WebClient.Reply rejected = browser.post("/claims/" + claim.id() + "/reject",
                Map.of("text", "Receipts do not match the lines"));
        assertThat(rejected.header("Location")).endsWith("?done=rejected");
        assertThat(status(claim)).isEqualTo(ClaimStatus.REJECTED);
    }

    @Test
    void queryAsksTheQuestion() {
        Claim claim = submittedClaim("1000.00", "80.00");
        WebClient browser = signedIn(officer);
        browser.get("/claims/" + claim.id() + "/query");

        WebClient.Reply queried = browser.post("/claims/" + claim.id() + "/query",
                Map.of("text", "Which school is the uniform for?"));

        assertThat(queried.header("Location")).endsWith("?done=queried");
        assertThat(browser.get("/claims/" + claim.id()).body()).contains("Which school is the uniform for?");
    }

    @Test
    void anotherOrganisationsClaimIsNotFound() {
        Claim claim = submittedClaim("1000.00", "80.00");
        WebClient swansea = signedIn(FIXTURES.user(Role.RECIPIENT, FIXTURES.swansea()));

        WebClient.Reply reply = swansea.get("/claims/" + claim.id());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).contains("Page not found").doesNotContain("Cardiff");
    }

    @Test
    void pagesHaveHtmlErrorsWhileTheApiKeepsItsProblems() {
        WebClient browser = browser();
        WebClient.Reply page = browser.get("/no-such-page");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("Page not found");

        WebClient.Reply api = browser.get("/api/v1/no-such-thing");
        assertThat(api.status()).isIn(401, 404);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void welshPagesHaveWelshWordsDatesAndNames() {
        Claim claim = submittedClaim("1000.00", "80.00");
        WebClient browser = signedIn(officer);

        WebClient.Reply page = browser.get("/claims/" + claim.id() + "?lang=cy");

        assertThat(page.body()).contains("<html lang=\"cy\"", "Hawliad am", "Caerdydd", "1 Mai 2019",
                "Cynllun prawf");
        assertThat(page.headers("Set-Cookie")).anyMatch(cookie -> cookie.startsWith("grants-lang=cy"));
        // the cookie keeps the language on the next page
        assertThat(browser.get("/claims").body()).contains("<html lang=\"cy\"", "Hawliadau");
    }

    @Test
    void aClaimWithWarningsIsTaggedListedAndApprovedOnlyWithAnAcknowledgementAndAReason() {
        // the same line twice in one claim: a finding of its own, with no other organisation involved
        Claim claim = submittedClaim("1000.00", "80.00", "80.00");
        WebClient browser = signedIn(officer);
        assertThat(browser.get("/claims?scheme=" + claim.schemeId()).body()).contains("Possible double funding");
        assertThat(browser.get("/claims/" + claim.id()).body()).contains("Possible double funding",
                "Line 1 is also claimed as line 2");
        assertThat(browser.get("/claims/" + claim.id() + "/approve").body()).contains("name=\"acknowledgeWarnings\"",
                "Why the claim should be approved despite the warnings");

        WebClient.Reply unacknowledged = browser.post("/claims/" + claim.id() + "/approve",
                Map.of("text", "Two pupils, two uniforms"));
        assertThat(unacknowledged.status()).isEqualTo(422);
        assertThat(unacknowledged.body()).contains("govuk-error-summary", "This claim has possible double funding",
                "Two pupils, two uniforms");
        WebClient.Reply noReason = browser.post("/claims/" + claim.id() + "/approve",
                Map.of("acknowledgeWarnings", "true", "text", ""));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("href=\"#text\"", "checked");
        assertThat(status(claim)).isEqualTo(ClaimStatus.SUBMITTED);

        WebClient.Reply approved = browser.post("/claims/" + claim.id() + "/approve",
                Map.of("acknowledgeWarnings", "true", "text", "Two pupils, two uniforms"));
        assertThat(approved.header("Location")).endsWith("?done=approved");
        assertThat(status(claim)).isEqualTo(ClaimStatus.APPROVED);
        assertThat(FIXTURES.claims().get(manager, claim.id()).claim().approvals().get(0).acknowledgementReason())
                .isEqualTo("Two pupils, two uniforms");
    }
}
