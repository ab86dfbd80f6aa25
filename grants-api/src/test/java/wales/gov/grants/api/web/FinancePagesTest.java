package wales.gov.grants.api.web;

import java.util.ArrayList;
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
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimDetails;
import wales.gov.grants.claims.ClaimStatus;
import wales.gov.grants.claims.NewAdjustment;
import wales.gov.grants.claims.NewPayment;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.recoveries.Recovery;
import wales.gov.grants.recoveries.RecoveryService;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The finance officer's payments and recoveries over HTTP: recording a payment after its check, the payments list,
 * raising a recovery by an adjustment and recording receipts, each refusal explained with what was typed kept, every
 * other role refused, forms without their token changing nothing; and the work queue paged through 200 claims.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FinancePagesTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);
    private static final Fixtures FIXTURES = ApiTestSupport.fixtures(CLOCK);
    private static final Pattern CLAIM_LINK = Pattern.compile("href=\"/claims/([0-9a-f-]{36})\"");

    private final Actor manager = FIXTURES.actor(Role.GRANT_MANAGER);
    private final Actor approver = FIXTURES.actor(Role.FINANCE_OFFICER);
    private final User officer = FIXTURES.user(Role.FINANCE_OFFICER, null);
    private final Actor cardiff = FIXTURES.recipient(FIXTURES.cardiff());

    private WebClient signedIn(User user) {
        WebClient browser = new WebClient(APP.getLocalPort());
        assertThat(browser.signIn(user.username(), Fixtures.PASSWORD).status()).isEqualTo(303);
        return browser;
    }

    private Award award(Scheme scheme) {
        return FIXTURES.activeAward(manager, scheme, FIXTURES.cardiff(), "50000.00", cardiff);
    }

    private Claim approvedClaim(String... amounts) {
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        return FIXTURES.approvedClaim(cardiff, approver, award(scheme), 30, amounts);
    }

    private ClaimDetails details(Claim claim) {
        return FIXTURES.claims().get(manager, claim.id());
    }

    private static Map<String, String> payment(String amount, String day, String month, String year,
                                               String reference) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("amount", amount);
        form.put("paidOn-day", day);
        form.put("paidOn-month", month);
        form.put("paidOn-year", year);
        form.put("reference", reference);
        return form;
    }

    private static Map<String, String> confirmed(Map<String, String> form) {
        Map<String, String> confirmed = new LinkedHashMap<>(form);
        confirmed.put("confirm", "yes");
        return confirmed;
    }

    /** A paid claim reduced below what was paid, so its award has a recovery of {@code reduction}. */
    private Recovery recovery(Award award, String reduction) {
        Claim claim = FIXTURES.approvedClaim(cardiff, approver, award, 60, "900.00");
        FIXTURES.claims().pay(approver, claim.id(), new NewPayment("900.00", CLOCK.today().toString(), "BACS-1"));
        return FIXTURES.claims().adjust(approver, claim.id(), new NewAdjustment(reduction, "Ineligible trip"))
                .recovery();
    }

    @Test
    void financeOfficerChecksAndRecordsAPaymentAndSeesTheBanner() {
        Claim claim = approvedClaim("1200.00", "50.00");
        WebClient browser = signedIn(officer);
        WebClient.Reply page = browser.get("/claims/" + claim.id());
        assertThat(page.body()).contains("href=\"/claims/" + claim.id() + "/payments/new\"", "Record a payment");

        WebClient.Reply form = browser.get("/claims/" + claim.id() + "/payments/new");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("Record a payment", "You can pay up to £1,250.00", "name=\"paidOn-day\"");
        Map<String, String> entered = payment("£1,000.00", "15", "4", "2020", "BACS-2020-0142");
        WebClient.Reply check = browser.post("/claims/" + claim.id() + "/payments/new", entered);
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.body()).contains("Check the payment before you record it", "£1,000.00", "15 April 2020",
                "BACS-2020-0142");
        assertThat(details(claim).payments()).isEmpty();

        WebClient.Reply recorded = browser.post("/claims/" + claim.id() + "/payments/new", confirmed(entered));

        assertThat(recorded.status()).isEqualTo(303);
        assertThat(recorded.header("Location")).endsWith("/claims/" + claim.id() + "?done=paid");
        assertThat(browser.get("/claims/" + claim.id() + "?done=paid").body())
                .contains("govuk-notification-banner--success", "The payment is recorded.", "BACS-2020-0142");
        ClaimDetails after = details(claim);
        assertThat(after.payments()).singleElement().satisfies(paid -> {
            assertThat(paid.amount()).isEqualTo(Money.parse("1000.00"));
            assertThat(paid.recordedBy()).isEqualTo(officer.username());
        });
        assertThat(after.claim().status()).isEqualTo(ClaimStatus.APPROVED);
    }

    @Test
    void changeOnTheCheckPageGoesBackToTheFormWithTheEntries() {
        Claim claim = approvedClaim("300.00");
        WebClient browser = signedIn(officer);
        browser.get("/claims/" + claim.id() + "/payments/new");
        Map<String, String> entered = payment("120.00", "15", "4", "2020", "REF-7");
        entered.put("confirm", "no");

        WebClient.Reply back = browser.post("/claims/" + claim.id() + "/payments/new", entered);

        assertThat(back.status()).isEqualTo(200);
        assertThat(back.body()).contains("value=\"120.00\"", "value=\"REF-7\"", "value=\"2020\"");
        assertThat(details(claim).payments()).isEmpty();
    }

    @Test
    void overpayingIsRefusedAndExplainedWithTheEntriesKept() {
        Claim claim = approvedClaim("300.00");
        WebClient browser = signedIn(officer);
        browser.get("/claims/" + claim.id() + "/payments/new");

        WebClient.Reply refused = browser.post("/claims/" + claim.id() + "/payments/new",
                confirmed(payment("300.01", "15", "4", "2020", "BACS-9")));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("govuk-error-summary", "beyond its approved amount",
                "You can pay up to £300.00", "value=\"300.01\"", "value=\"BACS-9\"", "<title>Error: ");
        assertThat(details(claim).payments()).isEmpty();
        // the check step already asks the service, so an overpayment never reaches the confirmation
        WebClient.Reply unchecked = browser.post("/claims/" + claim.id() + "/payments/new",
                payment("300.01", "15", "4", "2020", "BACS-9"));
        assertThat(unchecked.status()).isEqualTo(422);
        assertThat(unchecked.body()).contains("You can pay up to £300.00").doesNotContain("name=\"confirm\"");
        // the full amount pays the claim
        browser.post("/claims/" + claim.id() + "/payments/new", confirmed(payment("300", "15", "4", "2020", "B")));
        assertThat(details(claim).claim().status()).isEqualTo(ClaimStatus.PAID);
        assertThat(browser.get("/claims/" + claim.id()).body()).doesNotContain("/payments/new");
        WebClient.Reply paidAgain = browser.post("/claims/" + claim.id() + "/payments/new",
                confirmed(payment("1", "15", "4", "2020", "B")));
        assertThat(paidAgain.status()).isEqualTo(422);
        assertThat(paidAgain.body()).contains("Payments are recorded against approved claims only");
    }

    @Test
    void badMoneyDatesAndReferencesAreKeptAndExplained() {
        Claim claim = approvedClaim("300.00");
        WebClient browser = signedIn(officer);
        browser.get("/claims/" + claim.id() + "/payments/new");
        for (String amount : List.of("12.345", "-5", "0", "abc", "99999999999999999", "1e3", "")) {
            WebClient.Reply refused = browser.post("/claims/" + claim.id() + "/payments/new",
                    confirmed(payment(amount, "15", "4", "2020", "REF")));
            assertThat(refused.status()).as(amount).isEqualTo(422);
            assertThat(refused.body()).as(amount).contains("govuk-error-summary", "href=\"#amount\"",
                    "Enter the amount paid in pounds", "govuk-input--error");
            if (!amount.isEmpty()) {
                assertThat(refused.body()).contains("value=\"" + amount + "\"");
            }
        }
        WebClient.Reply impossible = browser.post("/claims/" + claim.id() + "/payments/new",
                payment("10.00", "31", "2", "2020", "REF"));
        assertThat(impossible.status()).isEqualTo(422);
        assertThat(impossible.body()).contains("href=\"#paidOn-day\"", "not before the claim was approved on 15 April 2020",
                "value=\"31\"");
        WebClient.Reply future = browser.post("/claims/" + claim.id() + "/payments/new",
                confirmed(payment("10.00", "16", "4", "2020", "REF")));
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.body()).contains("href=\"#paidOn-day\"");
        WebClient.Reply control = browser.post("/claims/" + claim.id() + "/payments/new",
                confirmed(payment("10.00", "15", "4", "2020", "REF\u0000<script>")));
        assertThat(control.status()).isEqualTo(422);
        assertThat(control.body()).contains("href=\"#reference\"").doesNotContain("<script>");
        WebClient.Reply huge = browser.post("/claims/" + claim.id() + "/payments/new",
                confirmed(payment("10.00", "15", "4", "2020", "R".repeat(101))));
        assertThat(huge.body()).contains("in no more than 100 characters");
        assertThat(details(claim).payments()).isEmpty();
    }

    @Test
    void formsWithoutTheirTokenAreRefusedAndChangeNothing() {
        Claim claim = approvedClaim("300.00");
        Award award = FIXTURES.awards().get(manager, claim.awardId());
        Recovery recovery = recovery(award, "100.00");
        WebClient browser = signedIn(officer);
        browser.get("/claims/" + claim.id() + "/payments/new");

        assertThat(browser.postRaw("/claims/" + claim.id() + "/payments/new",
                confirmed(payment("10.00", "15", "4", "2020", "REF"))).status()).isEqualTo(403);
        Map<String, String> forged = confirmed(payment("10.00", "15", "4", "2020", "REF"));
        forged.put("csrfToken", "forged");
        assertThat(browser.postRaw("/claims/" + claim.id() + "/payments/new", forged).status()).isEqualTo(403);
        assertThat(browser.postRaw("/awards/" + award.id() + "/recoveries/" + recovery.id() + "/receipt",
                Map.of("amount", "10.00", "receivedOn-day", "15", "receivedOn-month", "4", "receivedOn-year", "2020",
                        "reference", "R")).status()).isEqualTo(403);
        assertThat(browser.postRaw("/awards/" + award.id() + "/recoveries/new",
                Map.of("claim", claim.id().toString(), "amount", "10.00", "reason", "r")).status()).isEqualTo(403);

        assertThat(details(claim).payments()).isEmpty();
        assertThat(details(claim).adjustments()).isEmpty();
        assertThat(FIXTURES.recoveries().get(manager, new wales.gov.grants.kernel.RecoveryId(recovery.id()))
                .received()).isEqualTo(Money.ZERO);
    }

    @Test
    void otherRolesMayNotPayOrRecordAndChangeNothing() {
        Claim claim = approvedClaim("300.00");
        Award award = FIXTURES.awards().get(manager, claim.awardId());
        Recovery recovery = recovery(award, "100.00");
        for (User user : List.of(FIXTURES.user(Role.RECIPIENT, FIXTURES.cardiff()), FIXTURES.user(Role.AUDITOR, null),
                FIXTURES.user(Role.GRANT_MANAGER, null), FIXTURES.user(Role.ADMIN, null))) {
            WebClient browser = signedIn(user);
            browser.get("/");
            assertThat(browser.get("/claims/" + claim.id() + "/payments/new").status()).as(user.role().name())
                    .isEqualTo(403);
            assertThat(browser.post("/claims/" + claim.id() + "/payments/new",
                    confirmed(payment("10.00", "15", "4", "2020", "REF"))).status()).isEqualTo(403);
            assertThat(browser.get("/awards/" + award.id() + "/recoveries/new").status()).isEqualTo(403);
            assertThat(browser.post("/awards/" + award.id() + "/recoveries/new",
                    Map.of("claim", claim.id().toString(), "amount", "10.00", "reason", "r")).status()).isEqualTo(403);
            assertThat(browser.get("/awards/" + award.id() + "/recoveries/" + recovery.id() + "/receipt").status())
                    .isEqualTo(403);
            assertThat(browser.post("/awards/" + award.id() + "/recoveries/" + recovery.id() + "/receipt",
                    Map.of("amount", "10.00", "receivedOn-day", "15", "receivedOn-month", "4",
                            "receivedOn-year", "2020", "reference", "R")).status()).isEqualTo(403);
            boolean reader = user.role() == Role.AUDITOR || user.role() == Role.GRANT_MANAGER;
            assertThat(browser.get("/payments").status()).isEqualTo(reader ? 200 : 403);
            assertThat(browser.get("/recoveries").status()).isEqualTo(reader ? 200 : 403);
            WebClient.Reply ofAward = browser.get("/awards/" + award.id() + "/recoveries");
            assertThat(ofAward.status()).isEqualTo(reader ? 200 : 403);
            if (reader) {
                assertThat(ofAward.body()).contains("£100.00").doesNotContain("/receipt\"", "/recoveries/new");
            }
        }
        assertThat(details(claim).payments()).isEmpty();
        assertThat(details(claim).adjustments()).isEmpty();
        assertThat(FIXTURES.recoveries().get(manager, new wales.gov.grants.kernel.RecoveryId(recovery.id()))
                .received()).isEqualTo(Money.ZERO);
    }

    @Test
    void anotherOrganisationsAwardIsNotFoundAndAnUnpayableClaimSaysWhy() {
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        Award award = award(scheme);
        Claim submitted = FIXTURES.submittedClaim(cardiff, award, 10, "80.00");
        WebClient swansea = signedIn(FIXTURES.user(Role.RECIPIENT, FIXTURES.swansea()));
        WebClient.Reply hidden = swansea.get("/awards/" + award.id() + "/recoveries");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain("Cardiff");
        WebClient browser = signedIn(officer);
        assertThat(browser.get("/awards/00000000-0000-0000-0000-000000000000/recoveries").status()).isEqualTo(404);
        assertThat(browser.get("/awards/not-an-id/recoveries").status()).isEqualTo(404);
        assertThat(browser.get("/claims/00000000-0000-0000-0000-000000000000/payments/new").status())
                .isEqualTo(404);
        // a recovery of another award under this award's address is not found
        Recovery elsewhere = recovery(award(scheme), "50.00");
        assertThat(browser.get("/awards/" + award.id() + "/recoveries/" + elsewhere.id() + "/receipt").status())
                .isEqualTo(404);

        WebClient.Reply form = browser.get("/claims/" + submitted.id() + "/payments/new");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("Payments are recorded against approved claims only", "Submitted")
                .doesNotContain("name=\"amount\"");
        WebClient.Reply refused = browser.post("/claims/" + submitted.id() + "/payments/new",
                confirmed(payment("10.00", "15", "4", "2020", "REF")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(details(submitted).payments()).isEmpty();
    }

    @Test
    void paymentsAreListedNewestFirstFilteredByTheirSchemeAndDatesAndPaged() {
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        Award award = award(scheme);
        List<Claim> paid = new ArrayList<>();
        for (int index = 0; index < 21; index++) {
            Claim claim = FIXTURES.approvedClaim(cardiff, approver, award, index, "10.00");
            FIXTURES.claims().pay(approver, claim.id(), new NewPayment("10.00", CLOCK.today().toString(),
                    "LIST-" + index));
            paid.add(claim);
        }
        WebClient browser = signedIn(officer);

        WebClient.Reply first = browser.get("/payments?scheme=" + scheme.id());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("21 payments", "LIST-20", "href=\"/claims/" + paid.get(20).id() + "\"",
                "govuk-pagination").doesNotContain("LIST-0<");
        assertThat(first.body().indexOf("LIST-20")).isLessThan(first.body().indexOf("LIST-19"));
        WebClient.Reply second = browser.get("/payments?scheme=" + scheme.id() + "&page=2");
        assertThat(second.body()).contains("LIST-0<").doesNotContain("LIST-20", "LIST-1<");

        assertThat(browser.get("/payments?scheme=" + scheme.id() + "&to-day=14&to-month=4&to-year=2020").body())
                .contains("No payments");
        assertThat(browser.get("/payments?scheme=" + scheme.id() + "&from-day=15&from-month=4&from-year=2020")
                .body()).contains("21 payments");
        WebClient.Reply badDate = browser.get("/payments?from-day=40&from-month=1&from-year=2020");
        assertThat(badDate.status()).isEqualTo(200);
        assertThat(badDate.body()).contains("govuk-error-summary", "href=\"#from-day\"", "value=\"40\"");
        assertThat(browser.get("/payments?scheme=nonsense").status()).isEqualTo(400);
        assertThat(browser.get("/payments?page=0").status()).isEqualTo(400);
        assertThat(browser.get("/payments?lang=cy").body()).contains("<html lang=\"cy\"", "Taliadau",
                "Talwyd ar neu ar ôl");
    }

    @Test
    void aRecoveryIsRaisedByAnAdjustmentAndSettledByReceipts() {
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        Award award = award(scheme);
        Claim claim = FIXTURES.approvedClaim(cardiff, approver, award, 5, "500.00");
        FIXTURES.claims().pay(approver, claim.id(), new NewPayment("500.00", CLOCK.today().toString(), "BACS-5"));
        WebClient browser = signedIn(officer);
        WebClient.Reply page = browser.get("/awards/" + award.id() + "/recoveries");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("No recoveries have been raised", "/recoveries/new");
        WebClient.Reply form = browser.get("/awards/" + award.id() + "/recoveries/new");
        assertThat(form.body()).contains("value=\"" + claim.id() + "\"", "eligible £500.00, paid £500.00");

        WebClient.Reply tooMuch = browser.post("/awards/" + award.id() + "/recoveries/new",
                Map.of("claim", claim.id().toString(), "amount", "500.01", "reason", "Ineligible"));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.body()).contains("more than the claim", "£500.00", "value=\"500.01\"", "Ineligible");
        WebClient.Reply noClaim = browser.post("/awards/" + award.id() + "/recoveries/new",
                Map.of("claim", "", "amount", "10", "reason", "x"));
        assertThat(noClaim.status()).isEqualTo(422);
        assertThat(noClaim.body()).contains("href=\"#claim\"");
        WebClient.Reply raised = browser.post("/awards/" + award.id() + "/recoveries/new",
                Map.of("claim", claim.id().toString(), "amount", "150.00", "reason", "A trip was not eligible"));
        assertThat(raised.status()).isEqualTo(303);
        assertThat(raised.header("Location")).endsWith("/awards/" + award.id() + "/recoveries?done=raised");
        Recovery recovery = FIXTURES.recoveries().list(manager, new RecoveryService.RecoveryFilter(award.id(), null),
                Page.Request.of(10, 0L)).items().get(0);
        assertThat(recovery.amount()).isEqualTo(Money.parse("150.00"));
        WebClient.Reply banner = browser.get("/awards/" + award.id() + "/recoveries?done=raised");
        assertThat(banner.body()).contains("a recovery is raised", "£150.00", "Record a receipt");
        assertThat(browser.get("/recoveries").body()).contains("/awards/" + award.id() + "/recoveries", "£150.00");

        String receipt = "/awards/" + award.id() + "/recoveries/" + recovery.id() + "/receipt";
        assertThat(browser.get(receipt).body()).contains("Up to £150.00 is still owed");
        WebClient.Reply over = browser.post(receipt, Map.of("amount", "150.01", "receivedOn-day", "15",
                "receivedOn-month", "4", "receivedOn-year", "2020", "reference", "RCPT-1"));
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.body()).contains("more than is still owed", "value=\"150.01\"", "value=\"RCPT-1\"");
        WebClient.Reply badDate = browser.post(receipt, Map.of("amount", "50.00", "receivedOn-day", "1",
                "receivedOn-month", "4", "receivedOn-year", "2020", "reference", "RCPT-1"));
        assertThat(badDate.status()).isEqualTo(422);
        assertThat(badDate.body()).contains("not before the recovery was raised on 15 April 2020");
        WebClient.Reply part = browser.post(receipt, Map.of("amount", "50.00", "receivedOn-day", "15",
                "receivedOn-month", "4", "receivedOn-year", "2020", "reference", "RCPT-1"));
        assertThat(part.header("Location")).endsWith("?done=receipt");
        WebClient.Reply rest = browser.post(receipt, Map.of("amount", "100", "receivedOn-day", "15",
                "receivedOn-month", "4", "receivedOn-year", "2020", "reference", "RCPT-2"));
        assertThat(rest.header("Location")).endsWith("?done=settled");
        assertThat(browser.get("/awards/" + award.id() + "/recoveries?done=settled").body())
                .contains("the recovery is settled", "RCPT-1", "RCPT-2", "Settled");
        assertThat(browser.get(receipt).body()).contains("nothing more is owed").doesNotContain("name=\"amount\"");
        assertThat(browser.get("/recoveries").body()).doesNotContain("/awards/" + award.id() + "/recoveries\"");
        assertThat(browser.get("/recoveries?status=SETTLED").body()).contains("/awards/" + award.id() + "/recoveries");
        assertThat(browser.get("/claims/" + claim.id()).body()).contains("A trip was not eligible",
                "Recovery of £150.00, £0.00 outstanding");
        assertThat(browser.get("/recoveries?status=BAD").status()).isEqualTo(400);
        assertThat(browser.get("/awards/" + award.id() + "/recoveries?lang=cy").body())
                .contains("Adenillion y dyfarniad hwn", "Caerdydd");
    }

    /** The benchmark's queue in small: 120 submitted claims, paged through oldest first, the counts per filter. */
    @Test
    void theWorkQueuePagesThroughItsClaimsOldestFirstWithTheRightCounts() {
        Scheme first = FIXTURES.scheme(manager, "10000000.00", "10000.00");
        Scheme second = FIXTURES.scheme(manager, "10000000.00", "10000.00");
        Actor swansea = FIXTURES.recipient(FIXTURES.swansea());
        List<Award> awards = List.of(award(first), FIXTURES.activeAward(manager, first, FIXTURES.swansea(),
                "50000.00", swansea), award(second));
        List<Actor> recipients = List.of(cardiff, swansea, cardiff);
        List<String> firstScheme = new ArrayList<>();
        for (int index = 0; index < 120; index++) {
            int which = index % 3;
            Claim claim = FIXTURES.submittedClaim(recipients.get(which), awards.get(which), index, "12.00");
            if (which < 2) {
                firstScheme.add(claim.id().toString());
            }
        }
        WebClient browser = signedIn(officer);

        List<String> seen = new ArrayList<>();
        int pages = (firstScheme.size() + ClaimPages.PAGE_SIZE - 1) / ClaimPages.PAGE_SIZE;
        for (int page = 1; page <= pages; page++) {
            WebClient.Reply reply = browser.get("/claims?status=SUBMITTED&scheme=" + first.id() + "&page=" + page);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).contains(firstScheme.size() + " claims");
            Matcher links = CLAIM_LINK.matcher(reply.body());
            while (links.find()) {
                seen.add(links.group(1));
            }
        }
        assertThat(seen).containsExactlyElementsOf(firstScheme);
        assertThat(browser.get("/claims?status=SUBMITTED&scheme=" + second.id()).body()).contains("40 claims");
        assertThat(browser.get("/claims?status=SUBMITTED&scheme=" + first.id() + "&organisation="
                + FIXTURES.swansea().id()).body()).contains("40 claims");
        assertThat(browser.get("/claims?status=APPROVED&scheme=" + first.id()).body()).contains("No claims");
    }
}
