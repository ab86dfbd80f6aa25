import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimTransition;
import wales.gov.grants.claims.NewPayment;
import wales.gov.grants.database.Migrator;
import wales.gov.grants.demo.DemoData;
import wales.gov.grants.evidence.EvidenceService;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.UserId;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.organisations.OrganisationDao;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.packs.PackLanguage;
import wales.gov.grants.schemes.NewScheme;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.BulkClaims;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.wiring.GrantsServices;

/**
 * Audit pack scale benchmark (not a test), in steps that big-award.sh runs in separate JVMs:
 *
 * <pre>
 *   generate URL CLAIMS AWARDS CLAIMS_PER_AWARD SERVICE_SAMPLE   migrates the empty database at URL, makes one award of
 *            CLAIMS claims and a scheme like the St David's Day Fund of AWARDS local authorities' awards, and writes
 *            bench.properties; first times SERVICE_SAMPLE claims made through the services, for comparison
 *   pack award|scheme RUNS   builds that pack RUNS times (English), printing time, pages, size and heap each time
 * </pre>
 *
 * Run from a scratch directory: the signing key, evidence and packs go under ./target.
 */
public final class BigAwardBenchmark {
    private static final Path PROPERTIES = Path.of("bench.properties");

    public static void main(String[] arguments) throws Exception {
        switch (arguments[0]) {
            case "generate" -> generate(arguments[1], Integer.parseInt(arguments[2]), Integer.parseInt(arguments[3]),
                    Integer.parseInt(arguments[4]), Integer.parseInt(arguments[5]));
            case "pack" -> pack(arguments[1], Integer.parseInt(arguments[2]));
            default -> throw new IllegalArgumentException("generate or pack, not " + arguments[0]);
        }
    }

    private static Jdbi jdbi(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(System.getenv().getOrDefault("PGUSER", System.getProperty("user.name")));
        return GrantsServices.configure(Jdbi.create(dataSource));
    }

    private static EvidenceStorage storage() {
        return new EvidenceStorage(Path.of("target", "evidence"), 10_000_000);
    }

    private static void generate(String url, int claims, int awards, int claimsPerAward, int serviceSample)
            throws IOException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(System.getenv().getOrDefault("PGUSER", System.getProperty("user.name")));
        long started = System.nanoTime();
        Migrator.migrate(dataSource);
        Jdbi jdbi = jdbi(url);
        DemoData.loadOrganisations(jdbi);
        System.out.printf("migrated with the Liquibase changelog in %.1f s%n", seconds(started));

        TestClock clock = new TestClock();
        Fixtures fixtures = new Fixtures(jdbi, clock);
        EvidenceStorage storage = storage();
        GrantsServices services = fixtures.services(storage);
        Actor manager = fixtures.actor(Role.GRANT_MANAGER);
        Actor first = fixtures.actor(Role.FINANCE_OFFICER);
        Actor second = fixtures.actor(Role.FINANCE_OFFICER);
        Actor auditor = fixtures.actor(Role.AUDITOR);
        List<Organisation> authorities = jdbi.withExtension(OrganisationDao.class, dao -> dao.page(1000, 0)).stream()
                .filter(organisation -> organisation.type().name().equals("LOCAL_AUTHORITY")).toList();

        if (serviceSample > 0) {
            throughTheServices(fixtures, services, manager, first, second, authorities.get(0), serviceSample);
        }

        BulkClaims bulk = new BulkClaims(jdbi, clock, storage);
        started = System.nanoTime();
        Scheme big = services.schemes().create(manager, new NewScheme("BIG", "Care leavers' fund",
                "Cronfa pobl ifanc sy'n gadael gofal", "2019-20", BulkClaims.awardAmountFor(claims), "500.00"));
        Organisation cardiff = fixtures.cardiff();
        Actor cardiffRecipient = fixtures.recipient(cardiff);
        Award award = fixtures.activeAward(manager, big, cardiff, BulkClaims.awardAmountFor(claims), cardiffRecipient);
        BulkClaims.Filled filled = bulk.fill(services, award, new BulkClaims.People(cardiffRecipient, first, second),
                claims);
        System.out.printf("award: %d claims (%d paid, %d approved, %d submitted, %d rejected), %d evidence rows, "
                        + "%d audit events (%d of them the lifecycle and outcome report) in %.1f s%n", filled.claims(),
                filled.paid(), filled.approved(), filled.submitted(), filled.rejected(), filled.evidence(),
                filled.events() + 4, 4, seconds(started));

        started = System.nanoTime();
        Scheme scheme = services.schemes().create(manager, new NewScheme("SDDF", "St David's Day Fund",
                "Cronfa Dydd Gŵyl Dewi", "2019-20", BulkClaims.awardAmountFor(awards * claimsPerAward), "500.00"));
        long schemeEvents = 0;
        int schemeClaims = 0;
        for (Organisation authority : authorities.subList(0, Math.min(awards, authorities.size()))) {
            Actor recipient = fixtures.recipient(authority);
            Award authorityAward = fixtures.activeAward(manager, scheme, authority,
                    BulkClaims.awardAmountFor(claimsPerAward), recipient);
            BulkClaims.Filled authorityClaims = bulk.fill(services, authorityAward,
                    new BulkClaims.People(recipient, first, second), claimsPerAward);
            schemeEvents += authorityClaims.events() + 4;
            schemeClaims += authorityClaims.claims();
        }
        System.out.printf("scheme SDDF: %d awards, %d claims, %d audit events in %.1f s%n",
                Math.min(awards, authorities.size()), schemeClaims, schemeEvents, seconds(started));

        Properties properties = new Properties();
        properties.setProperty("url", url);
        properties.setProperty("award", award.id().toString());
        properties.setProperty("scheme", scheme.id().toString());
        properties.setProperty("auditor", auditor.username());
        properties.setProperty("auditorId", auditor.userId().toString());
        properties.setProperty("now", clock.instant().toString());
        try (OutputStream out = Files.newOutputStream(PROPERTIES)) {
            properties.store(out, "big-award benchmark");
        }
    }

    /** The honest way, timed: each claim drafted, submitted, approved (twice at £500 or more), paid, evidenced. */
    private static void throughTheServices(Fixtures fixtures, GrantsServices services, Actor manager, Actor first,
                                           Actor second, Organisation organisation, int claims) {
        Scheme scheme = services.schemes().create(manager, new NewScheme("SAMPLE", "Service-made sample",
                "Sampl drwy'r gwasanaethau", "2019-20", BulkClaims.awardAmountFor(claims), "500.00"));
        Actor recipient = fixtures.recipient(organisation);
        Award award = fixtures.activeAward(manager, scheme, organisation, BulkClaims.awardAmountFor(claims),
                recipient);
        long started = System.nanoTime();
        int calls = 0;
        for (int day = 0; day < claims; day++) {
            String amount = day % 4 == 0 ? "612.40" : "123.45";
            Claim claim = fixtures.draftClaim(recipient, award, day, amount);
            EvidenceService evidence = services.evidence();
            evidence.upload(recipient, award.id(), evidence.stage(new ByteArrayInputStream(
                            ("date,amount\n2019-04-01," + amount + "\n" + day).getBytes())),
                    new EvidenceService.NewEvidence("receipts-" + day + ".csv", "Receipts", claim.id().toString(),
                            null), null);
            services.claims().transition(recipient, claim.id(), ClaimTransition.SUBMIT, null);
            services.claims().transition(first, claim.id(), ClaimTransition.APPROVE, null);
            calls += 4;
            if (day % 4 == 0) {
                services.claims().transition(second, claim.id(), ClaimTransition.APPROVE, null);
                calls++;
            }
            services.claims().pay(second, claim.id(), new NewPayment(amount, "2020-04-15", "BACS-" + day));
            calls++;
        }
        double elapsed = seconds(started);
        System.out.printf("through the services: %d claims, %d calls in %.1f s (%.1f ms a claim; 5,000 claims would "
                        + "take about %.0f s, and one award cannot hold more than 366 claims that do not overlap)%n",
                claims, calls, elapsed, elapsed * 1000 / claims, elapsed / claims * 5000);
    }

    private static void pack(String kind, int runs) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(PROPERTIES)) {
            properties.load(in);
        }
        Jdbi jdbi = jdbi(properties.getProperty("url"));
        TestClock clock = new TestClock(Instant.parse(properties.getProperty("now")));
        Fixtures fixtures = new Fixtures(jdbi, clock);
        AuditPackService packs = fixtures.services(storage()).packs();
        Actor auditor = new Actor(UserId.fromPath(properties.getProperty("auditorId")),
                properties.getProperty("auditor"), Role.AUDITOR, null);
        HeapWatch heap = new HeapWatch();
        System.out.printf("%s pack, max heap %d MB%n", kind, Runtime.getRuntime().maxMemory() >> 20);
        String firstDigest = null;
        for (int run = 1; run <= runs; run++) {
            heap.reset();
            long started = System.nanoTime();
            AuditPackService.Pack pack;
            try {
                pack = kind.equals("award")
                        ? packs.awardPack(auditor, AwardId.fromPath(properties.getProperty("award")), PackLanguage.EN)
                        : packs.schemePack(auditor, SchemeId.fromPath(properties.getProperty("scheme")), PackLanguage.EN);
            } catch (OutOfMemoryError e) {
                System.out.printf("run %d FAILED after %.1f s: %s%n", run, seconds(started), e);
                System.exit(1);
                return;
            }
            double elapsed = seconds(started);
            long peak = heap.peakUsed();
            long live = heap.maxAfterGc();
            try (pack) {
                int pages;
                try (PDDocument document = Loader.loadPDF(pack.file().toFile(),
                        IOUtils.createTempFileOnlyStreamCache())) {
                    pages = document.getNumberOfPages();
                }
                System.out.printf("run %d: succeeded in %.1f s, %d pages (%.0f pages/s), %.1f MB, sum of heap pool "
                                + "peaks %d MB, max live after GC %d MB, %d GCs, sha256 %s%n", run, elapsed, pages,
                        pages / elapsed, pack.size() / 1e6, peak >> 20, live >> 20, heap.collections(),
                        pack.sha256().substring(0, 16));
                if (firstDigest != null && !firstDigest.equals(pack.sha256())) {
                    System.out.println("  DIFFERENT BYTES from run 1 for the same data");
                }
                firstDigest = pack.sha256();
            }
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Heap peaks of the pools since the last reset, and the most heap still in use right after a collection. */
    static final class HeapWatch {
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        private final AtomicLong maxAfterGc = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();

        HeapWatch() {
            ManagementFactory.getGarbageCollectorMXBeans().forEach(collector ->
                    ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                        if (!notification.getType()
                                .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                            return;
                        }
                        GarbageCollectionNotificationInfo info =
                                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long used = 0;
                        for (Map.Entry<String, MemoryUsage> pool
                                : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                            if (pools.stream().anyMatch(heapPool -> heapPool.getName().equals(pool.getKey()))) {
                                used += pool.getValue().getUsed();
                            }
                        }
                        maxAfterGc.accumulateAndGet(used, Math::max);
                        collections.incrementAndGet();
                    }, null, null));
        }

        void reset() {
            System.gc();
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            maxAfterGc.set(0);
            collections.set(0);
        }

        /** The sum of each pool's own peak: an upper bound, as the pools need not peak at the same moment. */
        long peakUsed() {
            return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        }

        long maxAfterGc() {
            return maxAfterGc.get();
        }

        long collections() {
            return collections.get();
        }
    }
}
