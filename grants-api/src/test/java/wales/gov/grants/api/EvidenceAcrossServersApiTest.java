package wales.gov.grants.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Download;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.api.multipart.MultipartBody;
import wales.gov.grants.awards.Award;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.SampleFiles;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several servers on one database. Evidence storage must be one directory shared by all of them: on a server whose
 * directory is another, a recorded document is a clear 503 with an error id (and its health check says so); on a
 * server sharing the directory, the document downloads whichever server received it.
 */
class EvidenceAcrossServersApiTest {
    static final Path SHARED = temporaryDirectory("shared");
    static final Path ELSEWHERE = temporaryDirectory("elsewhere");
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> RECEIVER = server(SHARED);
    static final DropwizardAppExtension<GrantsConfiguration> SHARING = server(SHARED);
    static final DropwizardAppExtension<GrantsConfiguration> MISCONFIGURED = server(ELSEWHERE);

    /**
     * Started and stopped here, the last first: each server's overrides are system properties that its stop resets
     * to what they were at its start, so stopping in any other order would leave one server's directory configured
     * for every application started after this class.
     */
    @BeforeAll
    static void startServers() throws Exception {
        RECEIVER.before();
        SHARING.before();
        MISCONFIGURED.before();
    }

    @AfterAll
    static void stopServers() {
        MISCONFIGURED.after();
        SHARING.after();
        RECEIVER.after();
    }

    private final Fixtures fixtures = ApiTestSupport.fixtures(CLOCK);
    private final User cardiffUser = fixtures.user(Role.RECIPIENT, fixtures.cardiff());
    private final User auditorUser = fixtures.user(Role.AUDITOR, null);

    @Test
    void theOverridesOfOneServerAreNotLeftForTheNext() {
        assertThat(SHARING.getConfiguration().getEvidence().getStorageDirectory()).isEqualTo(SHARED);
        assertThat(MISCONFIGURED.getConfiguration().getEvidence().getStorageDirectory()).isEqualTo(ELSEWHERE);
    }

    @Test
    void aDocumentDownloadsFromEveryServerSharingTheDirectoryAndIsA503Elsewhere() throws Exception {
        Actor manager = fixtures.actor(Role.GRANT_MANAGER);
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        Award award = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "500.00",
                cardiffUser.asActor());
        byte[] content = SampleFiles.pdfDocument();
        Reply created = Caller.as(RECEIVER, cardiffUser).upload("/api/v1/awards/" + award.id() + "/evidence",
                MultipartBody.create().field("title", "Invoice").file("invoice.pdf", "application/pdf", content)
                        .build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String path = "/api/v1/evidence/" + created.json().get("id").asText() + "/content";

        Download shared = Caller.as(SHARING, auditorUser).download(path, null);
        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.body()).isEqualTo(content);

        ListAppender<ILoggingEvent> log = capture();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + MISCONFIGURED.getLocalPort() + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (auditorUser.username() + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            Reply elsewhere = new Reply(response.statusCode(), response.headers().firstValue("Content-Type")
                    .orElse(null), null, new jakarta.ws.rs.core.MultivaluedHashMap<>(), response.body());
            assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(503);
            assertThat(elsewhere.mediaType()).isEqualTo("application/problem+json");
            String errorId = elsewhere.json().get("errorId").asText();
            assertThat(elsewhere.json().get("detail").asText()).contains(errorId);
            assertThat(elsewhere.body()).doesNotContain(ELSEWHERE.toString()).doesNotContain("Exception");
            assertThat(log.list.stream().filter(event -> event.getLevel() == Level.ERROR)).hasSize(1);
            assertThat(log.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).contains(errorId).contains(created.json().get("sha256")
                        .asText());
                assertThat(event.getThrowableProxy()).isNull();
            });
        } finally {
            release(log);
        }

        String misconfigured = health(MISCONFIGURED);
        assertThat(misconfigured).contains("\"evidence-storage\":{\"healthy\":false")
                .contains("most recently recorded files are missing");
    }

    @Test
    void theHealthCheckReportsADirectoryThatIsGone() throws IOException {
        assertThat(health(RECEIVER)).contains("\"evidence-storage\":{\"healthy\":");
        Path gone = RECEIVER.getConfiguration().getEvidence().getStorageDirectory();
        Path moved = gone.resolveSibling(gone.getFileName() + "-unmounted");
        Files.move(gone, moved);
        try {
            assertThat(health(RECEIVER)).contains("\"evidence-storage\":{\"healthy\":false")
                    .contains("is not a directory");
        } finally {
            Files.move(moved, gone);
        }
    }

    static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        return appender;
    }

    static void release(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
    }

    private static String health(DropwizardAppExtension<GrantsConfiguration> app) {
        try (Response response = app.client().target("http://localhost:" + app.getAdminPort() + "/healthcheck")
                .request().get()) {
            return response.readEntity(String.class);
        }
    }

    private static DropwizardAppExtension<GrantsConfiguration> server(Path storage) {
        // the newest row only: other test classes in this JVM record files in directories of their own
        return ApiTestSupport.application(CLOCK,
                ConfigOverride.config("evidence.storageDirectory", storage.toString()),
                ConfigOverride.config("evidence.healthCheckRecentFiles", "1"));
    }

    private static Path temporaryDirectory(String name) {
        try {
            Path base = Path.of(System.getenv().getOrDefault("GRANTS_TEST_DATA_DIR",
                    System.getProperty("java.io.tmpdir")));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "evidence-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
