package wales.gov.grants.api.web;

import java.util.ArrayList;
import java.util.List;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import wales.gov.grants.api.ApiTestSupport;
import wales.gov.grants.api.GrantsConfiguration;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimStatus;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The finance officer's journey in a real Chromium: sign in, open the queue, open a claim, approve it, see the
 * banner; screenshots under {@code target/screenshots}, and axe-core on every page in English and Welsh.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BrowserJourneyTest {
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
    void financeOfficerApprovesAClaimAndEveryPageIsAccessibleInBothLanguages() {
        Actor manager = FIXTURES.actor(Role.GRANT_MANAGER);
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        Actor cardiff = FIXTURES.recipient(FIXTURES.cardiff());
        Award award = FIXTURES.activeAward(manager, scheme, FIXTURES.cardiff(), "50000.00", cardiff);
        Claim claim = FIXTURES.submittedClaim(cardiff, award, 182, "1250.00", "310.45");
        Actor swansea = FIXTURES.recipient(FIXTURES.swansea());
        FIXTURES.submittedClaim(swansea, FIXTURES.activeAward(manager, scheme, FIXTURES.swansea(), "20000.00",
                swansea), 90, "12000.00");
        User finance1 = FIXTURES.user(Role.FINANCE_OFFICER, null);
        WebDriver driver = browser.driver();
        List<String> violations = new ArrayList<>();

        browser.open("/");
        browser.auditInBothLanguages("sign-in", violations);
        driver.findElement(By.id("username")).sendKeys(finance1.username());
        driver.findElement(By.id("password")).sendKeys("wrong password");
        browser.click(By.cssSelector("form[action='/sign-in'] button"));
        assertThat(driver.findElement(By.className("govuk-error-summary")).getText())
                .contains("Enter a correct username and password");
        browser.audit("sign-in-error-en", violations);
        driver.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
        browser.click(By.cssSelector("form[action='/sign-in'] button"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Your work");
        browser.auditInBothLanguages("home", violations);

        browser.click(By.linkText("Claims"));
        browser.open("/claims?scheme=" + scheme.id());
        assertThat(driver.findElement(By.tagName("table")).getText()).contains("£1,560.45", "Needs 2 approvals");
        browser.auditInBothLanguages("queue", violations);

        browser.click(By.cssSelector("a[href='/claims/" + claim.id() + "']"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("£1,560.45");
        browser.auditInBothLanguages("claim", violations);

        browser.click(By.linkText("Approve"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Approve this claim");
        browser.auditInBothLanguages("approve", violations);
        browser.click(By.cssSelector("form button[type='submit'].govuk-button:not(.govuk-button--secondary)"));

        assertThat(driver.findElement(By.className("govuk-notification-banner")).getText())
                .contains("The claim is approved.");
        browser.auditInBothLanguages("approved", violations);
        assertThat(FIXTURES.claims().get(manager, claim.id()).claim().status()).isEqualTo(ClaimStatus.APPROVED);

        browser.open("/claims/" + claim.id() + "/reject");
        browser.auditInBothLanguages("reject", violations);
        browser.open("/claims/" + claim.id() + "/query");
        browser.auditInBothLanguages("query", violations);
        browser.open("/no-such-page");
        browser.auditInBothLanguages("not-found", violations);

        assertThat(violations).isEmpty();
        // and axe-core really looks: an image without a text alternative is found
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "document.querySelector('main').appendChild(document.createElement('img'))");
        assertThat(browser.accessibilityViolations()).extracting(violation -> violation.get("id"))
                .contains("image-alt");
    }
}
