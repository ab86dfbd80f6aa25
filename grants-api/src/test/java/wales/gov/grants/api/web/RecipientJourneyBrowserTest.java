package wales.gov.grants.api.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import wales.gov.grants.api.ApiTestSupport;
import wales.gov.grants.api.GrantsConfiguration;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.claims.Claim;
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
 * Cardiff's journey in a real Chromium, once in English and once in Welsh: accept an offer, draft a claim of two
 * lines with "Add another line", check it, submit it, upload evidence through the enhanced form (its progress bar),
 * report an outcome. Every page is photographed under {@code target/screenshots} and checked by axe-core.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RecipientJourneyBrowserTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK);
    private static final Fixtures FIXTURES = ApiTestSupport.fixtures(CLOCK);
    /** Records, in the page's session storage, that the upload went by XMLHttpRequest and how far its progress got. */
    private static final String WATCH_UPLOADS = "const send = XMLHttpRequest.prototype.send;"
            + "XMLHttpRequest.prototype.send = function (body) {"
            + "  sessionStorage.setItem('upload-by-xhr', 'yes');"
            + "  this.upload.addEventListener('progress', e => sessionStorage.setItem('upload-progress',"
            + "    String(Math.floor(e.loaded * 100 / e.total))));"
            + "  return send.call(this, body); };";

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

    @ParameterizedTest(name = "in {0}")
    @CsvSource({
            "en, Accept offer, Add another line, Continue, Submit claim, Upload file, Send outcome return",
            "cy, Derbyn y cynnig, Ychwanegu llinell arall, Parhau, Cyflwyno’r hawliad, Uwchlwytho’r ffeil, "
                    + "Anfon y ffurflen canlyniadau"})
    void cardiffAcceptsClaimsUploadsAndReports(String language, String accept, String addLine, String continueText,
                                               String submit, String upload, String report) throws IOException {
        Actor manager = FIXTURES.actor(Role.GRANT_MANAGER);
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        Award award = FIXTURES.award(manager, scheme, FIXTURES.cardiff(), "20000.00");
        FIXTURES.awards().transition(manager, award.id(), AwardTransition.OFFER);
        User cardiff = FIXTURES.user(Role.RECIPIENT, FIXTURES.cardiff());
        WebDriver driver = browser.driver();
        List<String> violations = new ArrayList<>();
        driver.manage().deleteAllCookies();
        browser.open("/?lang=" + language);
        driver.findElement(By.id("username")).sendKeys(cardiff.username());
        driver.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
        browser.click(By.cssSelector("form[action='/sign-in'] button"));
        // the sign-in page's own cookie crowds out the language cookie there, so the language is chosen again
        browser.open("/awards?lang=" + language);
        assertThat(driver.findElement(By.className("govuk-notification-banner")).isDisplayed()).isTrue();
        browser.auditIn(language, "recipient-awards", violations);
        browser.click(By.cssSelector("a[href='/awards/" + award.id() + "/accept']"));
        browser.auditIn(language, "recipient-award-accept", violations);
        browser.click(By.xpath("//button[normalize-space()='" + accept + "']"));
        assertThat(driver.findElement(By.className("govuk-notification-banner--success")).isDisplayed()).isTrue();
        browser.auditIn(language, "recipient-award", violations);

        browser.click(By.cssSelector("a[href='/awards/" + award.id() + "/claims/new']"));
        browser.auditIn(language, "recipient-claim-new", violations);
        type("periodStart-day", "1");
        type("periodStart-month", "7");
        type("periodStart-year", "2019");
        type("periodEnd-day", "30");
        type("periodEnd-month", "9");
        type("periodEnd-year", "2019");
        type("line-0-category", "PDG Access");
        type("line-0-description", "School uniforms");
        type("line-0-amount", "1,250.00");
        browser.click(By.xpath("//button[normalize-space()='" + addLine + "']"));
        assertThat(driver.findElement(By.id("line-0-amount")).getAttribute("value")).isEqualTo("1,250.00");
        assertThat(driver.findElement(By.id("periodEnd-month")).getAttribute("value")).isEqualTo("9");
        type("line-1-category", "PDG Access");
        type("line-1-description", "Laptops for study");
        type("line-1-amount", "310.45x");
        browser.click(By.xpath("//button[normalize-space()='" + continueText + "' and not(@aria-hidden)]"));
        assertThat(driver.findElement(By.className("govuk-error-summary")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("line-1-amount")).getAttribute("value")).isEqualTo("310.45x");
        browser.audit("recipient-claim-errors-" + language, violations);
        driver.findElement(By.id("line-1-amount")).clear();
        type("line-1-amount", "310.45");
        browser.click(By.xpath("//button[normalize-space()='" + continueText + "' and not(@aria-hidden)]"));

        assertThat(driver.getCurrentUrl()).endsWith("/check");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("£1,250.00", "£310.45", "£1,560.45");
        browser.auditIn(language, "recipient-claim-check", violations);
        browser.click(By.xpath("//button[normalize-space()='" + submit + "']"));
        assertThat(driver.findElements(By.className("govuk-panel--confirmation"))).as(driver.getCurrentUrl() + "\n"
                + driver.findElement(By.tagName("body")).getText()).isNotEmpty();
        assertThat(driver.findElement(By.className("govuk-panel--confirmation")).getText()).contains("£1,560.45");
        browser.auditIn(language, "recipient-claim-submitted", violations);
        Claim claim = FIXTURES.claims().listForAward(manager, award.id(), Page.Request.of(10, 0L)).items().get(0);
        assertThat(claim.status()).isEqualTo(ClaimStatus.SUBMITTED);

        browser.click(By.cssSelector("a[href='/claims/" + claim.id() + "/evidence']"));
        browser.auditIn(language, "recipient-evidence", violations);
        Path file = Files.createTempFile("invoice-", ".txt");
        try {
            Files.writeString(file, "Invoice 42: school uniforms, £1,250.00\n".repeat(20_000), StandardCharsets.UTF_8);
            ((JavascriptExecutor) driver).executeScript(WATCH_UPLOADS);
            type("title", "Invoice 42");
            driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
            browser.click(By.xpath("//button[normalize-space()='" + upload + "']"));
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("done=uploaded"));
        } finally {
            Files.deleteIfExists(file);
        }
        JavascriptExecutor script = (JavascriptExecutor) driver;
        assertThat(script.executeScript("return sessionStorage.getItem('upload-by-xhr')")).isEqualTo("yes");
        assertThat(script.executeScript("return sessionStorage.getItem('upload-progress')")).isEqualTo("100");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Invoice 42", file.getFileName()
                .toString().substring(0, 8));
        browser.auditIn(language, "recipient-evidence-uploaded", violations);

        browser.open("/awards/" + award.id() + "/outcomes/new");
        browser.auditIn(language, "recipient-outcome-new", violations);
        type("periodEnd-day", "30");
        type("periodEnd-month", "9");
        type("periodEnd-year", "2019");
        type("value", "42");
        browser.click(By.xpath("//button[normalize-space()='" + report + "']"));
        assertThat(driver.findElement(By.id("outcomes")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("42");
        browser.auditIn(language, "recipient-award-outcome", violations);

        assertThat(violations).isEmpty();
    }

    private static void type(String id, String text) {
        browser.driver().findElement(By.id(id)).sendKeys(text);
    }
}
