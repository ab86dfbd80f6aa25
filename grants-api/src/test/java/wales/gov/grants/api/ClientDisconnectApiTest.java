package wales.gov.grants.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport.Caller;
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

/** A client that goes away mid-download is logged once, as information, without a stack trace. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ClientDisconnectApiTest {
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK,
            ConfigOverride.config("evidence.storageDirectory", temporaryDirectory().toString()),
            ConfigOverride.config("evidence.maxUploadSize", "64MB"));

    private final Fixtures fixtures = ApiTestSupport.fixtures(CLOCK);
    private final User cardiffUser = fixtures.user(Role.RECIPIENT, fixtures.cardiff());

    @Test
    void aClientThatDisconnectsMidDownloadIsLoggedOnceWithoutATrace() throws Exception {
        Actor manager = fixtures.actor(Role.GRANT_MANAGER);
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        Award award = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "500.00", cardiffUser.asActor());
        // far more than the socket buffers on both sides hold, so the server is still writing when the client goes
        byte[] big = new byte[32 * 1024 * 1024];
        System.arraycopy(SampleFiles.png(), 0, big, 0, SampleFiles.png().length);
        Reply created = Caller.as(APP, cardiffUser).upload("/api/v1/awards/" + award.id() + "/evidence",
                MultipartBody.create().field("title", "Scan").file("scan.png", "image/png", big).build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String path = "/api/v1/evidence/" + created.json().get("id").asText() + "/content";

        ListAppender<ILoggingEvent> log = EvidenceAcrossServersApiTest.capture();
        try {
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress("127.0.0.1", APP.getLocalPort()));
                String credentials = Base64.getEncoder().encodeToString(
                        (cardiffUser.username() + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                        + credentials + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                InputStream in = socket.getInputStream();
                assertThat(new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
                socket.setSoLinger(true, 0);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (disconnections(log).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(500);
            List<ILoggingEvent> events = List.copyOf(log.list);
            assertThat(disconnections(events)).as(describe(events)).hasSize(1);
            assertThat(events).as(describe(events))
                    .noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                    .noneMatch(event -> event.getThrowableProxy() != null);
            assertThat(disconnections(events).get(0).getLevel()).isIn(Level.INFO, Level.WARN);
        } finally {
            EvidenceAcrossServersApiTest.release(log);
        }
    }

    private static List<ILoggingEvent> disconnections(ListAppender<ILoggingEvent> log) {
        return disconnections(List.copyOf(log.list));
    }

    private static List<ILoggingEvent> disconnections(List<ILoggingEvent> events) {
        return events.stream().filter(event -> event.getFormattedMessage().contains("went away")
                || event.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    private static String describe(List<ILoggingEvent> events) {
        StringBuilder text = new StringBuilder("logged:");
        for (ILoggingEvent event : events) {
            text.append("\n  ").append(event.getLevel()).append(' ').append(event.getLoggerName()).append(": ")
                    .append(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                text.append(" [").append(event.getThrowableProxy().getClassName()).append(": ")
                        .append(event.getThrowableProxy().getMessage()).append(']');
            }
        }
        return text.toString();
    }

    private static Path temporaryDirectory() {
        try {
            Path base = Path.of(System.getenv().getOrDefault("GRANTS_TEST_DATA_DIR",
                    System.getProperty("java.io.tmpdir")));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "evidence-disconnect-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
