package wales.gov.grants.api.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import wales.gov.grants.api.ApiTestSupport;
import wales.gov.grants.api.GrantsConfiguration;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimDetails;
import wales.gov.grants.claims.ClaimStatus;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole story of one claim, in a real Chromium, as the people who make it would: Cardiff drafts a claim of two
 * lines, uploads its evidence and submits it; {@code finance1} and {@code finance2} approve it (it is over the
 * scheme's dual-approval threshold, and {@code finance1} is refused a second approval); {@code finance1} records the
 * payment; the auditor sees the trail verified and downloads the Welsh pack, the same bytes as the API's. Each page
 * on the way is photographed and checked by axe-core in English and in Welsh.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class StoryJourneyBrowserTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);
    private static final Fixtures FIXTURES = ApiTestSupport.fixtures(CLOCK);

    private static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start(APP.getLocalPort());
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void cardiffsClaimIsApprovedTwicePaidAndAuditedInWelsh() throws Exception {
        Actor manager = FIXTURES.actor(Role.GRANT_MANAGER);
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "5000.00");
        User cardiff = FIXTURES.user(Role.RECIPIENT, FIXTURES.cardiff(), Fixtures.unique("cardiff-"));
        Award award = FIXTURES.activeAward(manager, scheme, FIXTURES.cardiff(), "50000.00", cardiff.asActor());
        // the demo's finance1 and finance2 may not sign in outside demo mode (and another test may have loaded them
        // into this database), so these are their test-mode namesakes
        User finance1 = FIXTURES.user(Role.FINANCE_OFFICER, null, "t-finance1");
        User finance2 = FIXTURES.user(Role.FINANCE_OFFICER, null, "t-finance2");
        User auditor = FIXTURES.user(Role.AUDITOR, null);
        WebDriver driver = browser.driver();
        List<String> violations = new ArrayList<>();

        // Cardiff drafts the claim: two lines, the second added without leaving the page
        browser.signIn(cardiff, "en");
        browser.open("/awards/" + award.id());
        browser.auditInBothLanguages("story-award", violations);
        browser.click(By.cssSelector("a[href='/awards/" + award.id() + "/claims/new']"));
        type("periodStart-day", "1");
        type("periodStart-month", "7");
        type("periodStart-year", "2019");
        type("periodEnd-day", "30");
        type("periodEnd-month", "9");
        type("periodEnd-year", "2019");
        type("line-0-category", "PDG Access");
        type("line-0-description", "School uniforms for looked-after pupils");
        type("line-0-amount", "3,250.00");
        browser.click(By.xpath("//button[normalize-space()='Add another line']"));
        type("line-1-category", "PDG Access");
        type("line-1-description", "Laptops for study at home");
        type("line-1-amount", "2,310.45");
        browser.audit("story-claim-form-en", violations);
        browser.click(By.xpath("//button[normalize-space()='Continue' and not(@aria-hidden)]"));
        assertThat(driver.getCurrentUrl()).endsWith("/check");
        Claim claim = onlyClaim(manager, award);
        assertThat(claim.status()).isEqualTo(ClaimStatus.DRAFT);
        assertThat(claim.lines()).hasSize(2);

        // its evidence, uploaded before it is submitted
        browser.click(By.cssSelector("a[href='/claims/" + claim.id() + "/evidence']"));
        browser.auditInBothLanguages("story-evidence", violations);
        Path invoice = Files.createTempFile("invoice-", ".txt");
        try {
            // a file of its own: the same bytes under another award would be a double-funding finding
            Files.writeString(invoice, "Invoice " + UUID.randomUUID() + ": school uniforms £3,250.00, laptops "
                    + "£2,310.45\n", StandardCharsets.UTF_8);
            type("title", "Invoices for uniforms and laptops");
            driver.findElement(By.id("file")).sendKeys(invoice.toAbsolutePath().toString());
            browser.click(By.xpath("//button[normalize-space()='Upload file']"));
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("done=uploaded"));
        } finally {
            Files.deleteIfExists(invoice);
        }
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Invoices for uniforms and laptops");

        browser.open("/claims/" + claim.id() + "/check");
        assertThat(driver.findElement(By.tagName("main")).getText())
                .contains("£3,250.00", "£2,310.45", "£5,560.45", "Invoices for uniforms and laptops");
        browser.auditInBothLanguages("story-check", violations);
        browser.click(By.xpath("//button[normalize-space()='Submit claim']"));
        assertThat(driver.findElement(By.className("govuk-panel--confirmation")).getText()).contains("£5,560.45");
        browser.audit("story-submitted-en", violations);
        assertThat(FIXTURES.claims().get(manager, claim.id()).claim().status()).isEqualTo(ClaimStatus.SUBMITTED);

        // finance1 finds it in the queue, tagged as needing two approvals, and gives the first
        browser.signIn(finance1, "en");
        browser.open("/claims?scheme=" + scheme.id());
        assertThat(driver.findElement(By.tagName("table")).getText()).contains("£5,560.45", "Needs 2 approvals");
        browser.auditInBothLanguages("story-queue", violations);
        approve(claim);
        assertThat(driver.findElement(By.className("govuk-notification-banner")).getText())
                .contains("Your approval is recorded. The claim needs a second approval from another finance officer.");
        browser.audit("story-first-approval-en", violations);
        // and may not give the second
        approve(claim);
        assertThat(driver.findElement(By.className("govuk-error-summary")).getText())
                .contains("Its second approval must come from a different finance officer.");
        browser.audit("story-second-approval-refused-en", violations);
        assertThat(FIXTURES.claims().get(manager, claim.id()).claim().status()).isEqualTo(ClaimStatus.SUBMITTED);

        // finance2 gives the second
        browser.signIn(finance2, "en");
        browser.open("/claims?scheme=" + scheme.id());
        assertThat(driver.findElement(By.tagName("table")).getText()).contains("1 of 2 approvals");
        approve(claim);
        assertThat(driver.findElement(By.className("govuk-notification-banner")).getText())
                .contains("The claim is approved.");
        browser.auditInBothLanguages("story-approved", violations);
        ClaimDetails approved = FIXTURES.claims().get(manager, claim.id());
        assertThat(approved.claim().status()).isEqualTo(ClaimStatus.APPROVED);
        assertThat(approved.claim().approvals()).extracting(approval -> approval.approverUsername())
                .containsExactly(finance1.username(), finance2.username());

        // finance1 records the payment
        browser.signIn(finance1, "en");
        browser.open("/claims/" + claim.id());
        browser.click(By.cssSelector("a[href='/claims/" + claim.id() + "/payments/new']"));
        browser.auditInBothLanguages("story-payment", violations);
        type("amount", "5,560.45");
        // paid the day it is approved
        type("paidOn-day", String.valueOf(CLOCK.today().getDayOfMonth()));
        type("paidOn-month", String.valueOf(CLOCK.today().getMonthValue()));
        type("paidOn-year", String.valueOf(CLOCK.today().getYear()));
        type("reference", "BACS-20-0415");
        browser.click(By.cssSelector("main form button[type='submit']"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).as(driver.findElement(By.tagName("main")).getText())
                .isEqualTo("Check the payment before you record it");
        browser.audit("story-payment-check-en", violations);
        browser.click(By.cssSelector("button[name='confirm'][value='yes']"));
        assertThat(driver.findElement(By.className("govuk-notification-banner")).getText())
                .contains("The payment is recorded.");
        browser.audit("story-paid-en", violations);
        assertThat(FIXTURES.claims().get(manager, claim.id()).claim().status()).isEqualTo(ClaimStatus.PAID);

        // the auditor sees the trail verified and downloads the Welsh pack
        browser.signIn(auditor, "cy");
        browser.open("/awards/" + award.id() + "/audit");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("cy");
        browser.auditInBothLanguages("story-audit", violations);
        browser.open("/awards/" + award.id() + "/audit?lang=en");
        assertThat(driver.findElement(By.id("verification")).findElement(By.xpath("following-sibling::dl"))
                .getText()).contains("Intact").doesNotContain("Broken");
        String welshPack = driver.findElement(By.cssSelector("main a[href$='/pack?lang=cy']")).getAttribute("href");
        byte[] fromPage = Base64.getDecoder().decode((String) ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.ok && r.headers.get('Content-Type') === 'application/pdf'
                        ? r.arrayBuffer() : Promise.reject(r.status))
                    .then(bytes => {
                        let text = '';
                        new Uint8Array(bytes).forEach(b => text += String.fromCharCode(b));
                        done(btoa(text));
                    })
                    .catch(e => done(btoa('failed: ' + e)));""", welshPack));
        byte[] fromApi = ApiTestSupport.Caller.as(APP, auditor)
                .download("/api/v1/awards/" + award.id() + "/audit-pack?lang=cy", null).body();
        assertThat(fromPage).isEqualTo(fromApi);
        try (PDDocument pack = Loader.loadPDF(fromPage)) {
            String text = new PDFTextStripper().getText(pack);
            assertThat(text).contains("Caerdydd", "£5,560.45", "BACS-20-0415", finance1.username(), finance2.username());
        }

        assertThat(violations).isEmpty();
    }

    private static Claim onlyClaim(Actor manager, Award award) {
        List<Claim> claims = FIXTURES.claims().listForAward(manager, award.id(), Page.Request.of(10, 0L)).items();
        assertThat(claims).hasSize(1);
        return claims.get(0);
    }

    /** The claim page's Approve link, then the confirmation's button. */
    private static void approve(Claim claim) {
        WebDriver driver = browser.driver();
        browser.open("/claims/" + claim.id());
        browser.click(By.linkText("Approve"));
        browser.click(By.cssSelector("form button[type='submit'].govuk-button:not(.govuk-button--secondary)"));
    }

    private static void type(String id, String text) {
        WebDriver driver = browser.driver();
        driver.findElement(By.id(id)).clear();
        driver.findElement(By.id(id)).sendKeys(text);
    }
}
