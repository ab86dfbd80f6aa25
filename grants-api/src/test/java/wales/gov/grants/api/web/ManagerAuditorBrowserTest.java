package wales.gov.grants.api.web;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import wales.gov.grants.api.ApiTestSupport;
import wales.gov.grants.api.GrantsConfiguration;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardService;
import wales.gov.grants.awards.AwardStatus;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grant manager's and the auditor's journeys in a real Chromium: a grant manager creates an award (after a refused
 * first try) and offers it; an auditor opens the award's audit page, sees the chain intact and downloads the Welsh
 * pack, the same bytes as the API's. Screenshots under {@code target/screenshots}, axe-core on every page in English
 * and Welsh.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ManagerAuditorBrowserTest {
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
    void aGrantManagerCreatesAndOffersAnAwardAndAnAuditorVerifiesItAndDownloadsTheWelshPack() throws Exception {
        Actor manager = FIXTURES.actor(Role.GRANT_MANAGER);
        Scheme scheme = FIXTURES.scheme(manager, "500000.00", "10000.00");
        Actor swansea = FIXTURES.recipient(FIXTURES.swansea());
        Award active = FIXTURES.activeAward(manager, scheme, FIXTURES.swansea(), "120000.00", swansea);
        FIXTURES.approvedClaim(swansea, FIXTURES.actor(Role.FINANCE_OFFICER), active, 30, "5000.00");
        FIXTURES.submittedClaim(swansea, active, 60, "2500.00");
        User managerUser = FIXTURES.user(Role.GRANT_MANAGER, null);
        User auditor = FIXTURES.user(Role.AUDITOR, null);
        WebDriver driver = browser.driver();
        List<String> violations = new ArrayList<>();

        browser.signIn(managerUser, "en");
        browser.click(By.linkText("Schemes"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Schemes");
        browser.auditInBothLanguages("manager-schemes", violations);
        browser.open("/schemes/" + scheme.id());
        assertThat(driver.findElement(By.cssSelector("svg[role='img']")).getAttribute("aria-labelledby"))
                .isEqualTo("bars-title bars-desc");
        browser.auditInBothLanguages("manager-scheme", violations);

        browser.click(By.linkText("Create an award"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Create an award");
        browser.auditInBothLanguages("manager-award-new", violations);
        driver.findElement(By.id("amount")).sendKeys("25,000.555");
        browser.click(By.cssSelector("button[value='create']"));
        assertThat(driver.findElement(By.className("govuk-error-summary")).getText())
                .contains("Choose the organisation the award is for", "Enter the amount in pounds");
        assertThat(driver.findElement(By.id("amount")).getAttribute("value")).isEqualTo("25,000.555");
        browser.audit("manager-award-new-error-en", violations);
        new Select(driver.findElement(By.id("organisation"))).selectByVisibleText("Cardiff Council");
        driver.findElement(By.id("amount")).clear();
        driver.findElement(By.id("amount")).sendKeys("25,000.50");
        driver.findElement(By.id("conditions")).sendKeys("Spend only on care-experienced children");
        driver.findElement(By.id("target-0-measure")).sendKeys("children-supported");
        driver.findElement(By.id("target-0-description")).sendKeys("Children supported");
        driver.findElement(By.id("target-0-value")).sendKeys("120");
        browser.click(By.cssSelector("button[value='create']"));
        assertThat(driver.findElement(By.className("govuk-notification-banner")).getText())
                .contains("The award of £25,000.50 to Cardiff Council is created as a draft.");
        browser.auditInBothLanguages("manager-award-created", violations);
        Award created = FIXTURES.awards().list(manager, new AwardService.AwardFilter(scheme.id(),
                FIXTURES.cardiff().id(), null), Page.Request.of(10, 0L)).items().get(0);
        assertThat(created.status()).isEqualTo(AwardStatus.DRAFT);

        browser.click(By.linkText("Offer this award to the organisation"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Offer this award");
        browser.auditInBothLanguages("manager-award-offer", violations);
        browser.click(By.cssSelector("main form button[type='submit']"));
        assertThat(driver.findElement(By.className("govuk-notification-banner")).getText())
                .contains("The award of £25,000.50 is offered to Cardiff Council.");
        browser.auditInBothLanguages("manager-award-offered", violations);
        assertThat(FIXTURES.awards().get(manager, created.id()).status()).isEqualTo(AwardStatus.OFFERED);

        browser.open("/awards/" + created.id() + "/withdraw");
        browser.auditInBothLanguages("manager-award-withdraw", violations);
        browser.open("/awards/" + active.id() + "/close");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("1 waiting for a decision");
        browser.auditInBothLanguages("manager-award-close", violations);
        browser.click(By.cssSelector("main form button[type='submit']"));
        assertThat(driver.findElement(By.className("govuk-error-summary")).getText())
                .contains("This award has unfinished claims");
        browser.audit("manager-award-close-refused-en", violations);
        assertThat(FIXTURES.awards().get(manager, active.id()).status()).isEqualTo(AwardStatus.ACTIVE);

        driver.manage().deleteAllCookies();
        browser.signIn(auditor, "en");
        browser.open("/schemes/" + scheme.id());
        browser.click(By.cssSelector("a[href='/awards/" + active.id() + "/audit']"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Audit trail");
        assertThat(driver.findElement(By.id("verification")).findElement(By.xpath("following-sibling::dl"))
                .getText()).contains("Intact").doesNotContain("Broken");
        browser.auditInBothLanguages("manager-audit", violations);

        String welshPack = driver.findElement(By.cssSelector("main a[href$='/pack?lang=cy']")).getAttribute("href");
        assertThat(welshPack).endsWith("/awards/" + active.id() + "/pack?lang=cy");
        Object digest = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.ok && r.headers.get('Content-Type') === 'application/pdf'
                        ? r.arrayBuffer() : Promise.reject(r.status))
                    .then(bytes => crypto.subtle.digest('SHA-256', bytes))
                    .then(hash => done(Array.from(new Uint8Array(hash))
                        .map(b => b.toString(16).padStart(2, '0')).join('')))
                    .catch(e => done('failed: ' + e));""", welshPack);
        byte[] api = ApiTestSupport.Caller.as(APP, auditor)
                .download("/api/v1/awards/" + active.id() + "/audit-pack?lang=cy", null).body();
        assertThat(digest).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(api)));

        assertThat(violations).isEmpty();
    }
}
