package wales.gov.grants.api.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.api.GrantsConfiguration;
import wales.gov.grants.api.multipart.MultipartBody;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.SampleFiles;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/** Two servers on one database and one evidence directory: a session begun on one is known to the other. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebAcrossServersTest {
    static final TestClock CLOCK = new TestClock();
    private static final Path STORAGE = storage();
    static final DropwizardAppExtension<GrantsConfiguration> FIRST = ApiTestSupport.application(CLOCK,
            ConfigOverride.config("evidence.storageDirectory", STORAGE.toString()));
    static final DropwizardAppExtension<GrantsConfiguration> SECOND = ApiTestSupport.application(CLOCK,
            ConfigOverride.config("evidence.storageDirectory", STORAGE.toString()));
    private static final Fixtures FIXTURES = ApiTestSupport.fixtures(CLOCK);

    private final User officer = FIXTURES.user(Role.FINANCE_OFFICER, null);

    private static Path storage() {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), "web-evidence-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aSessionBegunOnOneServerWorksOnTheOtherAndEndsOnBoth() {
        WebClient first = new WebClient(FIRST.getLocalPort());
        assertThat(first.signIn(officer.username(), Fixtures.PASSWORD).status()).isEqualTo(303);
        WebClient second = new WebClient(SECOND.getLocalPort());
        second.setCookie(WebRequests.SESSION_COOKIE, first.cookie(WebRequests.SESSION_COOKIE));

        assertThat(second.get("/claims").status()).isEqualTo(200);
        assertThat(second.post("/sign-out", Map.of()).status()).isEqualTo(303);

        assertThat(first.get("/claims").status()).isEqualTo(303);
    }

    @Test
    void theClaimPageLinksItsEvidenceAndOnlyTheRightPeopleDownloadIt() {
        Actor manager = FIXTURES.actor(Role.GRANT_MANAGER);
        User cardiffUser = FIXTURES.user(Role.RECIPIENT, FIXTURES.cardiff());
        Scheme scheme = FIXTURES.scheme(manager, "1000.00", "500.00");
        Award award = FIXTURES.activeAward(manager, scheme, FIXTURES.cardiff(), "900.00", cardiffUser.asActor());
        Claim claim = FIXTURES.submittedClaim(cardiffUser.asActor(), award, 5, "40.00");
        byte[] content = SampleFiles.pdf();
        Reply uploaded = Caller.as(FIRST, cardiffUser).upload("/api/v1/awards/" + award.id() + "/evidence",
                MultipartBody.create().field("title", "Uniform receipts").field("claimId", claim.id().toString())
                        .file("receipts.pdf", "application/pdf", content).build());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        String evidenceId = uploaded.json().get("id").asText();

        WebClient browser = new WebClient(SECOND.getLocalPort());
        browser.signIn(officer.username(), Fixtures.PASSWORD);
        assertThat(browser.get("/claims/" + claim.id()).body())
                .contains("/evidence/" + evidenceId + "/download", "Uniform receipts");
        WebClient.Reply download = browser.get("/evidence/" + evidenceId + "/download");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("application/pdf");
        assertThat(download.header("Content-Disposition")).contains("receipts.pdf");
        assertThat(download.response().body().length()).isPositive();

        WebClient swansea = new WebClient(SECOND.getLocalPort());
        swansea.signIn(FIXTURES.user(Role.RECIPIENT, FIXTURES.swansea()).username(), Fixtures.PASSWORD);
        assertThat(swansea.get("/evidence/" + evidenceId + "/download").status()).isEqualTo(404);
        assertThat(new WebClient(SECOND.getLocalPort()).get("/evidence/" + evidenceId + "/download").status())
                .isEqualTo(303);
    }
}
