package wales.gov.grants.batch.packs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.batch.GrantsBatchApplication;
import wales.gov.grants.batch.GrantsBatchConfiguration;
import wales.gov.grants.batch.cli.AuditPacksCommand;
import wales.gov.grants.batch.runs.BatchRuns;
import wales.gov.grants.batch.runs.EngineSettings;
import wales.gov.grants.batch.runs.NewItem;
import wales.gov.grants.awards.Award;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Digests;
import wales.gov.grants.kernel.FinancialYear;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.packs.PackLanguage;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * audit-packs through Dropwizard's command line, in-process, on the test database: the packs and manifest, two
 * processes sharing a run, a re-run, a dead worker's execution taken over, and arguments refused in one line. The
 * engine runs on short heartbeats here (dead after 2 s) so a takeover takes seconds, not the minute of production.
 */
class AuditPacksCommandTest {
    private static final EngineSettings FAST = new EngineSettings(Duration.ofMillis(500), 4, Duration.ofMillis(200),
            Duration.ofMillis(200), 2, Duration.ofMillis(100));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor auditor = fixtures.actor(Role.AUDITOR);

    @TempDir
    Path directory;

    private Path config;
    private Path out;
    private Scheme scheme;
    private List<Award> awards;

    @BeforeEach
    void setUp() throws IOException {
        TestDatabase database = TestDatabase.get();
        config = Files.writeString(directory.resolve("batch.yml"), "database:\n  driverClass: org.postgresql.Driver\n"
                + "  url: " + database.url() + "\n  user: " + database.user() + "\n  password: \""
                + database.password() + "\"\nevidence:\n  storageDirectory: " + directory.resolve("evidence")
                + "\naudit:\n  signingKeyFile: " + signingKeyFile() + "\n  packAttachmentLimit: "
                + Fixtures.PACK_ATTACHMENT_LIMIT + "B\n  packWorkDirectory: " + directory.resolve("work") + "\n");
        out = directory.resolve("packs");
        scheme = fixtures.scheme(manager, "100000.00", "50000.00");
        Actor cardiff = fixtures.recipient(fixtures.cardiff());
        Actor officer = fixtures.actor(Role.FINANCE_OFFICER);
        awards = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            Award award = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "9000.00", cardiff);
            fixtures.approvedClaim(cardiff, officer, award, 10 + index, "100.00", "20.50");
            awards.add(award);
        }
    }

    @Test
    void packsEveryAwardWithAManifestOfTheFilesAndTheSameBytesAsTheApi() throws Exception {
        Invocation run = invoke("--lang", "both");

        assertThat(run.failure()).as(run.err()).isEmpty();
        assertThat(run.out()).contains("done 6, skipped 0, failed 0 in ")
                .contains("6 of 6 packs, ").contains("manifest.json written by this process");
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.path("format").asText()).isEqualTo(Manifest.FORMAT);
        assertThat(manifest.path("packs").asInt()).isEqualTo(6);
        assertThat(manifest.path("files")).hasSize(6);
        Map<String, JsonNode> byFile = new TreeMap<>();
        manifest.path("files").forEach(file -> byFile.put(file.path("file").asText(), file));
        assertThat(listing()).containsExactlyElementsOf(withManifest(byFile.keySet()));
        AuditPackService packs = fixtures.services().packs();
        for (JsonNode file : byFile.values()) {
            byte[] written = Files.readAllBytes(out.resolve(file.path("file").asText()));
            assertThat(sha256(written)).isEqualTo(file.path("sha256").asText());
            assertThat(file.path("size").asLong()).isEqualTo(written.length);
            try (AuditPackService.Pack api = packs.awardPack(auditor,
                    new wales.gov.grants.kernel.AwardId(java.util.UUID.fromString(file.path("awardId").asText())),
                    PackLanguage.parse(file.path("language").asText()).orElseThrow())) {
                assertThat(Files.readAllBytes(api.file())).as(file.path("file").asText()).isEqualTo(written);
                assertThat(file.path("dataDigest").asText()).isEqualTo(api.dataDigest());
                assertThat(file.path("pages").asInt()).isEqualTo(api.pages()).isPositive();
                assertThat(file.path("checkpoint").path("sequence").asLong())
                        .isEqualTo(api.checkpoint().orElseThrow().sequence());
                assertThat(file.path("checkpoint").path("signature").asText())
                        .isEqualTo(api.checkpoint().orElseThrow().signature());
                assertThat(file.path("checkpoint").path("keyId").asText())
                        .isEqualTo(Fixtures.signingKey().publicKey().keyId());
            }
        }
        assertThat(byFile.keySet()).allSatisfy(name -> assertThat(name).startsWith("audit-pack-" + scheme.code()
                + "-W06000015-").endsWith(".pdf"));
    }

    @Test
    void aRerunOfAFinishedRunChangesNothingAndSaysSo() throws Exception {
        assertThat(invoke().failure()).isEmpty();
        Map<String, FileTime> before = modified();
        long events = downloads();

        Invocation rerun = invoke();

        assertThat(rerun.failure()).as(rerun.err()).isEmpty();
        assertThat(rerun.out()).contains("done 0, skipped 3, failed 0").contains("nothing to do, nothing written");
        assertThat(modified()).isEqualTo(before);
        assertThat(downloads()).isEqualTo(events).isEqualTo(3);
    }

    @Test
    void twoProcessesOnTheSameArgumentsShareOneRunAndMakeEachPackOnce() throws Exception {
        for (int index = 0; index < 3; index++) {
            awards.add(fixtures.award(manager, scheme, fixtures.swansea(), "1000.00"));
        }
        CompletableFuture<Invocation> first = CompletableFuture.supplyAsync(() -> invoke("--workers", "2"));
        CompletableFuture<Invocation> second = CompletableFuture.supplyAsync(() -> invoke("--workers", "2"));
        Invocation one = first.get();
        Invocation two = second.get();

        assertThat(one.failure()).as(one.err()).isEmpty();
        assertThat(two.failure()).as(two.err()).isEmpty();
        assertThat(downloads()).isEqualTo(6);
        assertThat(List.of(one.out(), two.out())).allSatisfy(text -> assertThat(text).contains("6 of 6 packs"))
                .filteredOn(text -> text.contains("manifest.json written by this process")).hasSize(1);
        assertThat(JSON.readTree(out.resolve("manifest.json").toFile()).path("files")).hasSize(6);
        assertThat(fixtures.jdbi().<Integer, RuntimeException>withHandle(handle -> handle.createQuery("""
                        SELECT count(DISTINCT item_key) FROM batch_items JOIN batch_runs ON batch_runs.id = run_id
                        WHERE arguments ->> 'out' = :out AND status = 'DONE'""")
                .bind("out", out.toString()).mapTo(Integer.class).one())).isEqualTo(6);
    }

    @Test
    void aPackPickedByAWorkerThatDiedIsTakenOverAndItsHalfFileRemoved() throws Exception {
        AuditPacksJob.Arguments arguments = new AuditPacksJob.Arguments(FinancialYear.parse("2019-20"),
                Optional.of(scheme.code()), List.of(PackLanguage.EN), out);
        List<NewItem> items = new AuditPacksJob(fixtures.services(), new org.postgresql.ds.PGSimpleDataSource(),
                FAST, "test").items(arguments, auditor);
        long run = new BatchRuns(fixtures.jdbi()).join(AuditPacksJob.JOB, arguments.key(), arguments.json(),
                auditor.username(), fixtures.clock().instant(), items).run().id();
        // what a worker killed with kill -9 leaves: its execution picked with an old heartbeat, half a file
        fixtures.jdbi().useHandle(handle -> handle.createUpdate("""
                        INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,
                                                     last_heartbeat, version)
                        VALUES ('audit-pack', :instance, now() - interval '1 hour', true, 'dead-host:1',
                                now() - interval '1 hour', 1)""")
                .bind("instance", run + ":" + items.get(0).itemKey()).execute());
        Files.createDirectories(out);
        Path half = Files.writeString(out.resolve("." + items.get(0).outputFile() + ".dead-host_1.tmp"), "%PDF-1.");

        Invocation survivor = invoke();

        assertThat(survivor.failure()).as(survivor.err()).isEmpty();
        assertThat(survivor.out()).contains("done 3, skipped 0, failed 0").contains("3 of 3 packs");
        assertThat(half).doesNotExist();
        assertThat(listing()).hasSize(4);
        assertThat(fixtures.jdbi().<String, RuntimeException>withHandle(handle -> handle.createQuery(
                        "SELECT worker FROM batch_items WHERE run_id = :run AND item_key = :key")
                .bind("run", run).bind("key", items.get(0).itemKey()).mapTo(String.class).one()))
                .isNotEqualTo("dead-host:1");
        assertThat(downloads()).isEqualTo(3);
    }

    @Test
    void argumentsThatNameNothingOrCannotBeWrittenFailInOneLine() throws Exception {
        Path file = Files.writeString(directory.resolve("not-a-directory"), "");
        Actor recipient = fixtures.recipient(fixtures.cardiff());
        assertFailsInOneLine(List.of("--financial-year", "2031-32"), "no scheme " + scheme.code()
                + " in financial year 2031-32");
        assertFailsInOneLine(List.of("--financial-year", "2019-21"), "--financial-year 2019-21: must name two");
        assertFailsInOneLine(List.of("--scheme", "NO-SUCH-SCHEME"), "no scheme NO-SUCH-SCHEME in financial year");
        assertFailsInOneLine(List.of("--out", file.resolve("packs").toString()), "is not a directory this process "
                + "can write");
        assertFailsInOneLine(List.of("--as", recipient.username()), "the user is a RECIPIENT; audit-packs is done by an AUDITOR, FINANCE_OFFICER or GRANT_MANAGER");
        assertFailsInOneLine(List.of("--as", "nobody-at-all"), "--as nobody-at-all: there is no such user");
        assertFailsInOneLine(List.of("--workers", "0"), "--workers must be between 1 and 64");
        assertThat(downloads()).isZero();
    }

    private void assertFailsInOneLine(List<String> options, String message) {
        List<String> arguments = new ArrayList<>(List.of("--financial-year", "2019-20", "--scheme", scheme.code(),
                "--out", out.toString(), "--as", auditor.username()));
        arguments.addAll(options);
        Invocation run = invokeExactly(arguments);
        assertThat(run.failure()).as(String.join(" ", options)).isPresent();
        assertThat(run.err().strip()).startsWith("audit-packs failed: ").contains(message).doesNotContain("\n");
    }

    private record Invocation(Optional<Throwable> failure, String out, String err) {
    }

    /** audit-packs on this test's scheme into {@code out} as the auditor, plus {@code options}. */
    private Invocation invoke(String... options) {
        List<String> arguments = new ArrayList<>(List.of("--financial-year", "2019-20", "--scheme", scheme.code(),
                "--out", out.toString(), "--as", auditor.username()));
        arguments.addAll(List.of(options));
        return invokeExactly(arguments);
    }

    private Invocation invokeExactly(List<String> options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream printOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        Bootstrap<GrantsBatchConfiguration> bootstrap = new Bootstrap<>(new GrantsBatchApplication());
        bootstrap.addCommand(new AuditPacksCommand(printOut, fixtures.clock(), FAST));
        List<String> arguments = new ArrayList<>(List.of("audit-packs", config.toString()));
        arguments.addAll(options);
        Optional<Throwable> failure = new Cli(new JarLocation(GrantsBatchApplication.class), bootstrap, printOut,
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(arguments.toArray(String[]::new));
        return new Invocation(failure, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The pack downloads recorded for this test's auditor: one per pack made. */
    private long downloads() {
        return fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM audit_events
                        WHERE action = 'AUDIT_PACK_DOWNLOADED' AND actor_username = :username""")
                .bind("username", auditor.username()).mapTo(Long.class).one());
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private Map<String, FileTime> modified() throws IOException {
        Map<String, FileTime> times = new TreeMap<>();
        for (String name : listing()) {
            times.put(name, Files.getLastModifiedTime(out.resolve(name)));
        }
        return times;
    }

    private static List<String> withManifest(java.util.Collection<String> files) {
        List<String> names = new ArrayList<>(files);
        names.add("manifest.json");
        names.sort(null);
        return names;
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Digests.sha256().digest(bytes));
    }

    private static Path signingKeyFile() {
        Fixtures.signingKey();
        return Path.of("target", "test-audit-signing-key.pem").toAbsolutePath();
    }
}
