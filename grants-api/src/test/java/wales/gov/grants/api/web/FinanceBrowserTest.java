package wales.gov.grants.api.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import wales.gov.grants.api.ApiTestSupport;
import wales.gov.grants.api.GrantsConfiguration;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimStatus;
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
 * The finance officer records a payment (form, check, record) and raises a recovery and records a receipt in a
 * real Chromium, once in English and once in Welsh; axe-core on every page of the journey, refusals included, and a
 * screenshot of each under {@code target/screenshots}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FinanceBrowserTest {
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
    void financeOfficerRecordsAPaymentAndAReceiptInEnglishAndWelshAndEveryPageIsAccessible() {
        Actor manager = FIXTURES.actor(Role.GRANT_MANAGER);
        Actor approver = FIXTURES.actor(Role.FINANCE_OFFICER);
        Actor cardiff = FIXTURES.recipient(FIXTURES.cardiff());
        Scheme scheme = FIXTURES.scheme(manager, "100000.00", "10000.00");
        Award award = FIXTURES.activeAward(manager, scheme, FIXTURES.cardiff(), "50000.00", cardiff);
        User officer = FIXTURES.user(Role.FINANCE_OFFICER, null);
        List<String> violations = new ArrayList<>();
        WebDriver driver = browser.driver();
        browser.open("/");
        driver.findElement(By.id("username")).sendKeys(officer.username());
        driver.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
        browser.click(By.cssSelector("form[action='/sign-in'] button"));

        int day = 0;
        for (String language : List.of("en", "cy")) {
            boolean welsh = language.equals("cy");
            browser.open("/?lang=" + language);
            assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
            Claim toPay = FIXTURES.approvedClaim(cardiff, approver, award, day++, "1250.00", "310.45");
            Claim toRecover = FIXTURES.approvedClaim(cardiff, approver, award, day++, "800.00");
            FIXTURES.claims().pay(approver, toRecover.id(), new NewPayment("800.00", CLOCK.today().toString(),
                    "BACS-" + language));

            // a payment: the claim, the form, a refusal, the check, the banner
            browser.open("/claims/" + toPay.id());
            browser.auditIn(language, "finance-claim", violations);
            browser.click(By.cssSelector("a[href='/claims/" + toPay.id() + "/payments/new']"));
            browser.auditIn(language, "finance-payment-form", violations);
            fillPayment(driver, "2000.00", "BACS-2020-" + language);
            assertThat(driver.findElement(By.className("govuk-error-summary")).getText())
                    .contains(welsh ? "Gallwch dalu hyd at £1,560.45" : "You can pay up to £1,560.45");
            browser.auditIn(language, "finance-payment-check-error", violations);
            browser.open("/claims/" + toPay.id() + "/payments/new");
            fillPayment(driver, "1,560.45", "BACS-2020-" + language);
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(welsh
                    ? "Gwiriwch y taliad cyn i chi ei gofnodi" : "Check the payment before you record it");
            browser.auditIn(language, "finance-payment-check", violations);
            browser.click(By.cssSelector("button[name='confirm'][value='yes']"));
            assertThat(driver.findElement(By.className("govuk-notification-banner")).getText())
                    .contains(welsh ? "Mae'r taliad wedi'i gofnodi." : "The payment is recorded.");
            browser.auditIn(language, "finance-payment-recorded", violations);
            assertThat(FIXTURES.claims().get(manager, toPay.id()).claim().status()).isEqualTo(ClaimStatus.PAID);
            browser.click(By.cssSelector(".govuk-service-navigation a[href='/payments']"));
            browser.open("/payments?scheme=" + scheme.id());
            assertThat(driver.findElement(By.tagName("table")).getText()).contains("BACS-2020-" + language);
            browser.auditIn(language, "finance-payments", violations);

            // a recovery raised by reducing a paid claim, then a receipt against it
            browser.open("/awards/" + award.id() + "/recoveries");
            browser.auditIn(language, "finance-award-recoveries", violations);
            browser.click(By.cssSelector("a[href='/awards/" + award.id() + "/recoveries/new']"));
            browser.auditIn(language, "finance-recovery-raise", violations);
            new Select(driver.findElement(By.id("claim"))).selectByValue(toRecover.id().toString());
            driver.findElement(By.id("amount")).sendKeys("200.00");
            driver.findElement(By.id("reason")).sendKeys(welsh ? "Nid oedd taith yn gymwys" : "A trip was not eligible");
            browser.click(By.cssSelector("main form button[type='submit']"));
            assertThat(driver.findElement(By.className("govuk-notification-banner")).getText())
                    .contains(welsh ? "mae adenilliad wedi'i godi" : "a recovery is raised");
            browser.auditIn(language, "finance-recovery-raised", violations);
            Recovery recovery = FIXTURES.recoveries().list(manager, new RecoveryService.RecoveryFilter(award.id(),
                    true), Page.Request.of(10, 0L)).items().get(0);
            browser.click(By.cssSelector("a[href$='/recoveries/" + recovery.id() + "/receipt']"));
            browser.auditIn(language, "finance-receipt-form", violations);
            fillReceipt(driver, "250.00");
            assertThat(driver.findElement(By.className("govuk-error-summary")).getText())
                    .contains(welsh ? "Mae hyd at £200.00 heb ei dalu" : "Up to £200.00 is outstanding");
            browser.auditIn(language, "finance-receipt-error", violations);
            driver.findElement(By.id("amount")).clear();
            fillReceipt(driver, "200.00");
            assertThat(driver.findElement(By.className("govuk-notification-banner")).getText())
                    .contains(welsh ? "mae'r adenilliad wedi'i setlo" : "the recovery is settled");
            browser.auditIn(language, "finance-receipt-recorded", violations);
            assertThat(FIXTURES.recoveries().get(manager, new wales.gov.grants.kernel.RecoveryId(recovery.id()))
                    .outstanding()).isEqualTo(Money.ZERO);
            browser.open("/recoveries?status=SETTLED");
            browser.auditIn(language, "finance-recoveries", violations);
        }

        assertThat(violations).isEmpty();
    }

    private static void fillPayment(WebDriver driver, String amount, String reference) {
        driver.findElement(By.id("amount")).clear();
        driver.findElement(By.id("amount")).sendKeys(amount);
        for (Map.Entry<String, String> part : Map.of("paidOn-day", "15", "paidOn-month", "4", "paidOn-year", "2020")
                .entrySet()) {
            driver.findElement(By.id(part.getKey())).clear();
            driver.findElement(By.id(part.getKey())).sendKeys(part.getValue());
        }
        driver.findElement(By.id("reference")).clear();
        driver.findElement(By.id("reference")).sendKeys(reference);
        browser.click(By.cssSelector("main form button[type='submit']"));
    }

    private static void fillReceipt(WebDriver driver, String amount) {
        driver.findElement(By.id("amount")).clear();
        driver.findElement(By.id("amount")).sendKeys(amount);
        for (Map.Entry<String, String> part : Map.of("receivedOn-day", "15", "receivedOn-month", "4",
                "receivedOn-year", "2020").entrySet()) {
            driver.findElement(By.id(part.getKey())).clear();
            driver.findElement(By.id(part.getKey())).sendKeys(part.getValue());
        }
        driver.findElement(By.id("reference")).clear();
        driver.findElement(By.id("reference")).sendKeys("RCPT-1");
        browser.click(By.cssSelector("main form button[type='submit']"));
    }
}
