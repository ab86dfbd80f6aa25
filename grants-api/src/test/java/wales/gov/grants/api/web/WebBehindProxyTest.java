package wales.gov.grants.api.web;

import java.util.Map;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport;
import wales.gov.grants.api.GrantsConfiguration;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/** Behind a trusted reverse proxy that terminates HTTPS, the cookies are Secure. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebBehindProxyTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK,
            ConfigOverride.config("auth.trustedProxies", "127.0.0.1,::1"));
    private static final Fixtures FIXTURES = ApiTestSupport.fixtures(CLOCK);

    private final User officer = FIXTURES.user(Role.FINANCE_OFFICER, null);

    @Test
    void cookiesAreSecureWhenTheTrustedProxySaysHttps() {
        WebClient browser = new WebClient(APP.getLocalPort());
        browser.setHeader("X-Forwarded-Proto", "https");
        browser.get("/");

        WebClient.Reply reply = browser.post("/sign-in", Map.of("username", officer.username(),
                "password", Fixtures.PASSWORD));

        assertThat(reply.status()).isEqualTo(303);
        assertThat(reply.headers("Set-Cookie")).filteredOn(cookie -> cookie.startsWith(WebRequests.SESSION_COOKIE))
                .singleElement().asString().contains("Secure", "HttpOnly", "SameSite=Lax");
        assertThat(browser.get("/?lang=cy").headers("Set-Cookie"))
                .anyMatch(cookie -> cookie.startsWith("grants-lang=cy") && cookie.contains("Secure"));
    }

    @Test
    void cookiesAreNotSecureOverPlainHttp() {
        WebClient browser = new WebClient(APP.getLocalPort());
        browser.get("/");

        WebClient.Reply reply = browser.post("/sign-in", Map.of("username", officer.username(),
                "password", Fixtures.PASSWORD));

        assertThat(reply.headers("Set-Cookie")).noneMatch(cookie -> cookie.contains("Secure"));
    }
}
