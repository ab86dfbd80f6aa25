package wales.gov.grants.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.swagger.v3.oas.annotations.media.Content;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wales.gov.grants.api.ApiTestSupport.Caller;
import wales.gov.grants.api.ApiTestSupport.Download;
import wales.gov.grants.api.ApiTestSupport.Reply;
import wales.gov.grants.api.multipart.MultipartBody;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.SampleFiles;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class EvidenceApiTest {
    static final Path STORAGE = temporaryDirectory();
    static final long LIMIT = 2_000_000;
    static final TestClock CLOCK = new TestClock();
    static final DropwizardAppExtension<GrantsConfiguration> APP = ApiTestSupport.application(CLOCK,
            ConfigOverride.config("evidence.storageDirectory", STORAGE.toString()),
            ConfigOverride.config("evidence.maxUploadSize", LIMIT + "B"));

    private final Fixtures fixtures = ApiTestSupport.fixtures(CLOCK);
    private final User managerUser = fixtures.user(Role.GRANT_MANAGER, null);
    private final User cardiffUser = fixtures.user(Role.RECIPIENT, fixtures.cardiff());
    private final User swanseaUser = fixtures.user(Role.RECIPIENT, fixtures.swansea());
    private final User auditorUser = fixtures.user(Role.AUDITOR, null);

    @Test
    void aRecipientUploadsAndEveryoneAllowedDownloadsTheExactBytes() throws Exception {
        String award = activeAward();
        byte[] content = SampleFiles.pdf();
        Reply created = Caller.as(APP, cardiffUser).upload(evidencePath(award), MultipartBody.create()
                .field("title", "Anfoneb Ch1 / Q1 invoice")
                .file("Anfoneb ŵyr \"Ch1\".pdf", "application/octet-stream", content).build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode evidence = created.json();
        String sha256 = sha256Hex(content);
        assertThat(evidence.get("sha256").asText()).isEqualTo(sha256);
        assertThat(evidence.get("size").asLong()).isEqualTo(content.length);
        assertThat(evidence.get("mediaType").asText()).isEqualTo("application/pdf");
        assertThat(evidence.get("filename").asText()).isEqualTo("Anfoneb ŵyr \"Ch1\".pdf");
        assertThat(evidence.get("uploadedBy").asText()).isEqualTo(cardiffUser.username());
        assertThat(evidence.get("uploadedAt").asText()).isNotBlank();
        assertThat(created.location()).isEqualTo("/api/v1/evidence/" + evidence.get("id").asText());

        JsonNode list = Caller.as(APP, auditorUser).get(evidencePath(award)).json();
        assertThat(list.get("total").asInt()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("status").asText()).isEqualTo("CURRENT");

        String contentPath = "/api/v1/evidence/" + evidence.get("id").asText() + "/content";
        for (User reader : List.of(cardiffUser, auditorUser, managerUser)) {
            Download download = Caller.as(APP, reader).download(contentPath, null);
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(content);
            assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
            assertThat(download.header("ETag")).isEqualTo("\"" + sha256 + "\"");
            assertThat(download.header("Repr-Digest")).isEqualTo("sha-256=:"
                    + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)) + ":");
            assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"Anfoneb _yr _Ch1_.pdf\"; "
                    + "filename*=UTF-8''Anfoneb%20%C5%B5yr%20%22Ch1%22.pdf");
            assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        Download cached = Caller.as(APP, auditorUser).download(contentPath, "\"" + sha256 + "\"");
        assertThat(cached.status()).isEqualTo(304);
        assertThat(cached.body()).isEmpty();
        assertThat(auditCount(award, "EVIDENCE_DOWNLOADED")).isEqualTo(3);
        assertThat(auditCount(award, "EVIDENCE_UPLOADED")).isEqualTo(1);
        assertThat(Files.readAllBytes(STORAGE.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4))
                .resolve(sha256))).isEqualTo(content);
    }

    @Test
    void activeContentInAPdfIsRefusedWithTheReason() {
        String award = activeAward();
        Reply script = Caller.as(APP, cardiffUser).upload(evidencePath(award), MultipartBody.create()
                .field("title", "Invoice").file("invoice.pdf", "application/pdf",
                        SampleFiles.pdfWithOpenActionJavaScript()).build());
        assertProblem(script, 415);
        assertThat(script.json().get("detail").asText()).contains("JavaScript");
        Reply polyglot = Caller.as(APP, cardiffUser).upload(evidencePath(award), MultipartBody.create()
                .field("title", "Invoice").file("invoice.pdf", "application/pdf",
                        SampleFiles.pdfWithZipAppended()).build());
        assertProblem(polyglot, 415);
        assertThat(polyglot.json().get("detail").asText()).contains("another kind");
        assertThat(evidenceRows(award)).isZero();
    }

    @Test
    void aFileIsStoredUnderItsDetectedTypesExtension() {
        String award = activeAward();
        Reply created = Caller.as(APP, cardiffUser).upload(evidencePath(award), MultipartBody.create()
                .field("title", "Photo").file("photo.pdf", "application/pdf", SampleFiles.png()).build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("mediaType").asText()).isEqualTo("image/png");
        assertThat(created.json().get("filename").asText()).isEqualTo("photo.png");
        Download download = Caller.as(APP, cardiffUser)
                .download("/api/v1/evidence/" + created.json().get("id").asText() + "/content", null);
        assertThat(download.header("Content-Disposition")).contains("filename=\"photo.png\"");
    }

    @Test
    void welshTextIsServedAsUtf8() {
        String award = activeAward();
        Reply created = Caller.as(APP, cardiffUser).upload(evidencePath(award), MultipartBody.create()
                .field("title", "Adroddiad").file("adroddiad.txt", "text/plain", SampleFiles.welshText()).build());
        assertThat(created.status()).isEqualTo(201);
        Download download = Caller.as(APP, cardiffUser)
                .download("/api/v1/evidence/" + created.json().get("id").asText() + "/content", null);
        assertThat(download.header("Content-Type").replace(" ", "")).isEqualToIgnoringCase("text/plain;charset=UTF-8");
        assertThat(new String(download.body(), StandardCharsets.UTF_8)).contains("ŵ ŷ");
    }

    @Test
    void strangersAreTurnedAwayAndAnotherOrganisationSeesNothing() {
        String award = activeAward();
        byte[] body = MultipartBody.create().field("title", "Invoice").file("a.pdf", "application/pdf",
                SampleFiles.pdf()).build();
        assertThat(Caller.anonymous(APP).upload(evidencePath(award), body).status()).isEqualTo(401);
        assertProblem(Caller.as(APP, managerUser).upload(evidencePath(award), body), 403);
        assertProblem(Caller.as(APP, auditorUser).upload(evidencePath(award), body), 403);
        assertProblem(Caller.as(APP, swanseaUser).upload(evidencePath(award), body), 404);
        Reply created = Caller.as(APP, cardiffUser).upload(evidencePath(award), body);
        String id = created.json().get("id").asText();
        assertProblem(Caller.as(APP, swanseaUser).get(evidencePath(award)), 404);
        assertProblem(Caller.as(APP, swanseaUser).get("/api/v1/evidence/" + id), 404);
        assertThat(Caller.as(APP, swanseaUser).download("/api/v1/evidence/" + id + "/content", null).status())
                .isEqualTo(404);
        assertThat(Caller.anonymous(APP).download("/api/v1/evidence/" + id + "/content", null).status())
                .isEqualTo(401);
        assertProblem(Caller.as(APP, swanseaUser).delete("/api/v1/evidence/" + id), 404);
    }

    @Test
    void eachBadInputIsA4xxProblemAndStoresNothing() {
        String award = activeAward();
        String otherAward = activeAward();
        String otherClaim = fixtures.draftClaim(cardiff(), fixtures.awards().get(manager(), AwardId.fromPath(otherAward)),
                0, "1.00").id().toString();
        byte[] pdf = SampleFiles.pdf();
        record BadInput(String name, byte[] body, int status) {
        }
        List<BadInput> cases = List.of(
                new BadInput("missing file part", MultipartBody.create().field("title", "No file").build(), 422),
                new BadInput("empty file", MultipartBody.create().field("title", "Empty")
                        .file("empty.pdf", "application/pdf", new byte[0]).build(), 422),
                new BadInput("several file parts", MultipartBody.create().field("title", "Two")
                        .file("a.pdf", "application/pdf", pdf).file("b.pdf", "application/pdf", pdf).build(), 422),
                new BadInput("1 MB title", MultipartBody.create().field("title", "t".repeat(1_000_000))
                        .file("a.pdf", "application/pdf", pdf).build(), 422),
                new BadInput("path traversal filename", MultipartBody.create().field("title", "Passwd")
                        .file("../../etc/passwd", "text/plain", SampleFiles.welshText()).build(), 422),
                new BadInput("exe renamed .pdf", MultipartBody.create().field("title", "Invoice")
                        .file("invoice.pdf", "application/pdf", SampleFiles.windowsExecutable()).build(), 415),
                new BadInput("zip bomb renamed .docx", MultipartBody.create().field("title", "Report")
                        .file("report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                SampleFiles.zipBomb(100)).build(), 415),
                new BadInput("PDF running JavaScript when opened", MultipartBody.create().field("title", "Invoice")
                        .file("invoice.pdf", "application/pdf", SampleFiles.pdfWithOpenActionJavaScript()).build(), 415),
                new BadInput("PDF with a zip appended", MultipartBody.create().field("title", "Invoice")
                        .file("invoice.pdf", "application/pdf", SampleFiles.pdfWithZipAppended()).build(), 415),
                new BadInput("claimId of another award", MultipartBody.create().field("title", "Invoice")
                        .field("claimId", otherClaim).file("a.pdf", "application/pdf", pdf).build(), 422),
                new BadInput("unknown field", MultipartBody.create().field("title", "Invoice")
                        .field("owner", "root").file("a.pdf", "application/pdf", pdf).build(), 422),
                new BadInput("no closing boundary", ("--" + MultipartBody.BOUNDARY + "\r\nContent-Disposition: "
                        + "form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 cut")
                        .getBytes(StandardCharsets.US_ASCII), 400));
        Set<Path> storedBefore = storedFiles();
        for (BadInput bad : cases) {
            Reply reply = Caller.as(APP, cardiffUser).upload(evidencePath(award), bad.body());
            assertThat(reply.status()).as(bad.name() + ": " + reply.body()).isEqualTo(bad.status());
            assertThat(reply.mediaType()).as(bad.name()).isEqualTo("application/problem+json");
        }
        assertThat(evidenceRows(award)).isZero();
        assertThat(storedFiles()).isEqualTo(storedBefore);
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void anUploadOverTheLimitIs413WhetherOrNotItsLengthIsDeclared() throws Exception {
        String award = activeAward();
        byte[] big = new byte[(int) LIMIT + 100_000];
        System.arraycopy(SampleFiles.pdf(), 0, big, 0, SampleFiles.pdf().length);
        byte[] body = MultipartBody.create().field("title", "Too big").file("big.pdf", "application/pdf", big)
                .build();
        Reply declared = Caller.as(APP, cardiffUser).upload(evidencePath(award), body);
        assertProblem(declared, 413);

        // chunked: no Content-Length, so the limit is found while streaming
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort()
                        + evidencePath(award)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (cardiffUser.username() + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", MultipartBody.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(chunked,
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        } catch (IOException refusedWhileSending) {
            // the server may close the connection before the client has sent everything: also a refusal
        }
        assertThat(evidenceRows(award)).isZero();
        awaitNoTemporaryFiles();
    }

    @Test
    void aClientThatDisconnectsMidUploadLeavesNothingBehind() throws Exception {
        String award = activeAward();
        byte[] head = ("--" + MultipartBody.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
                + "Cut off\r\n--" + MultipartBody.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"a.pdf\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        Set<Path> storedBefore = storedFiles();
        try (Socket socket = new Socket("localhost", APP.getLocalPort())) {
            OutputStream out = socket.getOutputStream();
            String credentials = Base64.getEncoder().encodeToString(
                    (cardiffUser.username() + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8));
            out.write(("POST " + evidencePath(award) + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Basic " + credentials + "\r\nContent-Type: " + MultipartBody.contentType()
                    + "\r\nContent-Length: 1500000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.write(SampleFiles.pdf());
            out.write(new byte[600_000]);
            out.flush();
            awaitTemporaryFile();
        }
        awaitNoTemporaryFiles();
        assertThat(evidenceRows(award)).isZero();
        assertThat(storedFiles()).isEqualTo(storedBefore);
    }

    @Test
    void aRetriedUploadWithItsIdempotencyKeyCreatesNothingNew() {
        String award = activeAward();
        byte[] body = MultipartBody.create().field("title", "Invoice").file("a.png", "image/png", SampleFiles.png())
                .build();
        String key = Fixtures.unique("upload-");
        Reply first = Caller.as(APP, cardiffUser).upload(evidencePath(award), body, key);
        Reply retry = Caller.as(APP, cardiffUser).upload(evidencePath(award), body, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(evidenceRows(award)).isEqualTo(1);
    }

    @Test
    void evidenceOfAnApprovedClaimCannotBeRemovedButCanBeSuperseded() {
        String award = activeAward();
        Claim submitted = fixtures.submittedClaim(cardiff(), fixtures.awards().get(manager(), AwardId.fromPath(award)),
                0, "100.00");
        String claim = submitted.id().toString();
        Reply original = Caller.as(APP, cardiffUser).upload(evidencePath(award), MultipartBody.create()
                .field("title", "Q1 figures").field("claimId", claim)
                .file("q1.csv", "text/csv", SampleFiles.csv()).build());
        String id = original.json().get("id").asText();
        assertThat(original.json().get("mediaType").asText()).isEqualTo("text/csv");
        fixtures.approve(fixtures.actor(Role.FINANCE_OFFICER), submitted);
        Reply refused = Caller.as(APP, cardiffUser).delete("/api/v1/evidence/" + id);
        assertProblem(refused, 422);
        assertThat(refused.json().get("type").asText()).endsWith("/evidence-of-approved-claim");
        Reply correction = Caller.as(APP, cardiffUser).upload(evidencePath(award), MultipartBody.create()
                .field("title", "Q1 figures, corrected").field("claimId", claim).field("supersedes", id)
                .file("q1-v2.csv", "text/csv", SampleFiles.utf8("a,b\n1,2\n")).build());
        assertThat(correction.status()).as(correction.body()).isEqualTo(201);
        JsonNode items = Caller.as(APP, auditorUser).get(evidencePath(award)).json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("status").asText()).isEqualTo("SUPERSEDED");
        assertThat(items.get(0).get("supersededBy").asText()).isEqualTo(correction.json().get("id").asText());
        assertThat(items.get(1).get("supersedes").asText()).isEqualTo(id);
        assertThat(auditCount(award, "EVIDENCE_SUPERSEDED")).isEqualTo(1);
    }

    @Test
    void recipientsReportOutcomesAndEveryoneSeesTargetsWithActuals() {
        String award = activeAward();
        String path = "/api/v1/awards/" + award + "/outcomes";
        Reply reported = Caller.as(APP, cardiffUser).post(path, "{\"measure\": \"care-leavers-supported\", "
                + "\"periodEnd\": \"2019-06-30\", \"value\": 30, \"note\": \"Chwarter 1\"}", Fixtures.unique("o-"));
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        assertThat(reported.json().get("value").asInt()).isEqualTo(30);
        Caller.as(APP, cardiffUser).post(path, "{\"measure\": \"care-leavers-supported\", "
                + "\"periodEnd\": \"2019-09-30\", \"value\": 45.5, \"note\": null}");
        JsonNode outcomes = Caller.as(APP, auditorUser).get(path).json();
        JsonNode target = outcomes.get("targets").get(0);
        assertThat(target.get("measure").asText()).isEqualTo("care-leavers-supported");
        assertThat(target.get("target").asInt()).isEqualTo(100);
        assertThat(target.get("total").decimalValue()).isEqualByComparingTo("75.5");
        assertThat(target.get("variance").decimalValue()).isEqualByComparingTo("-24.5");
        assertThat(target.get("actuals")).hasSize(2);

        assertProblem(Caller.as(APP, cardiffUser).post(path, "{\"measure\": \"unknown\", \"periodEnd\": "
                + "\"2019-06-30\", \"value\": 1}"), 422);
        assertProblem(Caller.as(APP, cardiffUser).post(path, "{\"measure\": \"care-leavers-supported\", "
                + "\"periodEnd\": \"2019-06-30\", \"value\": -1}"), 422);
        assertProblem(Caller.as(APP, cardiffUser).post(path, "{\"measure\": \"care-leavers-supported\", "
                + "\"periodEnd\": \"2021-06-30\", \"value\": 1}"), 422);
        assertProblem(Caller.as(APP, swanseaUser).post(path, "{\"measure\": \"care-leavers-supported\", "
                + "\"periodEnd\": \"2019-06-30\", \"value\": 1}"), 404);
        assertProblem(Caller.as(APP, managerUser).post(path, "{\"measure\": \"care-leavers-supported\", "
                + "\"periodEnd\": \"2019-06-30\", \"value\": 1}"), 403);
        assertProblem(Caller.as(APP, swanseaUser).get(path), 404);
        assertThat(auditCount(award, "OUTCOME_REPORTED")).isEqualTo(2);
    }

    @Test
    void theOpenApiDescriptionCoversEvidenceAndOutcomes() {
        Reply openApi = Caller.anonymous(APP).get("/openapi.json");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").fieldNames()).toIterable().contains(
                "/api/v1/awards/{awardId}/evidence", "/api/v1/evidence/{id}/content", "/api/v1/evidence/{id}",
                "/api/v1/awards/{awardId}/outcomes");
    }

    private Actor manager() {
        return managerUser.asActor();
    }

    private Actor cardiff() {
        return cardiffUser.asActor();
    }

    @Test
    void anAwardThatIsNotActiveRefusesEvidenceOutcomesAndClaimsAlikeWith409() {
        Scheme scheme = fixtures.scheme(manager(), "1000.00", "500.00");
        String draft = fixtures.award(manager(), scheme, fixtures.cardiff(), "100.00").id().toString();
        Set<Path> storedBefore = storedFiles();
        List<Reply> refusals = List.of(
                Caller.as(APP, cardiffUser).upload(evidencePath(draft), MultipartBody.create().field("title", "Early")
                        .file("a.pdf", "application/pdf", SampleFiles.pdf()).build()),
                Caller.as(APP, cardiffUser).post("/api/v1/awards/" + draft + "/outcomes",
                        "{\"measure\": \"care-leavers-supported\", \"periodEnd\": \"2019-06-30\", \"value\": 1}"),
                Caller.as(APP, cardiffUser).post("/api/v1/awards/" + draft + "/claims",
                        "{\"periodStart\": \"2019-04-01\", \"periodEnd\": \"2019-06-30\", \"lines\": "
                                + "[{\"category\": \"PDG Access\", \"description\": \"Uniform\", \"amount\": \"10.00\"}]}"));
        for (Reply refused : refusals) {
            assertProblem(refused, 409);
            assertThat(refused.json().get("type").asText()).endsWith("/award-not-active");
            assertThat(refused.json().get("detail").asText()).contains("DRAFT");
        }
        assertThat(evidenceRows(draft)).isZero();
        assertThat(storedFiles()).isEqualTo(storedBefore);
    }

    private String activeAward() {
        Scheme scheme = fixtures.scheme(manager(), "1000.00", "500.00");
        Award award = fixtures.activeAward(manager(), scheme, fixtures.cardiff(), "500.00", cardiff());
        return award.id().toString();
    }

    private static String evidencePath(String award) {
        return "/api/v1/awards/" + award + "/evidence";
    }

    private static void assertProblem(Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
    }

    private long evidenceRows(String award) {
        return fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM evidence WHERE award_id = CAST(:id AS uuid)")
                .bind("id", award).mapTo(Long.class).one());
    }

    private long auditCount(String award, String action) {
        return fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM audit_events WHERE award_id = CAST(:id AS uuid) AND action = :action")
                .bind("id", award).bind("action", action).mapTo(Long.class).one());
    }

    private static Set<Path> storedFiles() {
        try (Stream<Path> files = Files.walk(STORAGE)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.getParent().endsWith("tmp"))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> temporaryFiles() {
        try (Stream<Path> files = Files.list(STORAGE.resolve("tmp"))) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitTemporaryFile() throws IOException, InterruptedException {
        awaitTemporaryFiles(files -> !files.isEmpty(), "the upload reached temporary storage");
    }

    private static void awaitNoTemporaryFiles() throws IOException, InterruptedException {
        awaitTemporaryFiles(List::isEmpty, "the unfinished upload was deleted");
    }

    /**
     * Waits until the server's temporary directory satisfies {@code condition}, woken by each file created or
     * deleted there rather than by polling; the watch is registered before the first look, so no change is missed.
     */
    private static void awaitTemporaryFiles(Predicate<List<Path>> condition, String description)
            throws IOException, InterruptedException {
        Path directory = STORAGE.resolve("tmp");
        try (WatchService watcher = directory.getFileSystem().newWatchService()) {
            directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!condition.test(temporaryFiles())) {
                long remaining = deadline - System.nanoTime();
                assertThat(remaining).as(description + " within 10 seconds").isPositive();
                WatchKey changed = watcher.poll(remaining, TimeUnit.NANOSECONDS);
                if (changed != null) {
                    changed.pollEvents();
                    changed.reset();
                }
            }
        }
    }

    private static String sha256Hex(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static Path temporaryDirectory() {
        try {
            Path base = Path.of(System.getenv().getOrDefault("GRANTS_TEST_DATA_DIR",
                    System.getProperty("java.io.tmpdir")));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "evidence-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
