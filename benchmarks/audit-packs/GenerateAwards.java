import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;
import wales.gov.grants.audit.AuditSigningKey;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.awards.NewAward;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimTransition;
import wales.gov.grants.claims.NewClaim;
import wales.gov.grants.claims.NewPayment;
import wales.gov.grants.database.Migrator;
import wales.gov.grants.demo.DemoData;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.organisations.OrganisationDao;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.schemes.NewScheme;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.users.PasswordHasher;
import wales.gov.grants.users.UserDao;
import wales.gov.grants.wiring.GrantsServices;

/**
 * Benchmark data (not a test): AWARDS awards of 2019-20 over ten schemes BENCH01..BENCH10 and the real
 * organisations, each made through the services as the API would make it, so every audit chain is real: created,
 * offered, accepted, two claims of three lines submitted and approved, the first paid; about ten events per award.
 * The services run on a clock just after the year's end (as the tests' clock), so the claims' periods are past.
 * Users: bench-manager, bench-finance, bench-auditor (AUDITOR: audit-packs --as bench-auditor) and one recipient
 * per organisation. Ends by signing a checkpoint of every chain.
 *
 *   java -cp grants-batch/target/grants-batch.jar GenerateAwards.java JDBC_URL USER SIGNING_KEY.pem AWARDS [THREADS]
 */
public final class GenerateAwards {
    private static final int SCHEMES = 10;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        Path keyFile = Path.of(args[2]);
        int count = Integer.parseInt(args[3]);
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(user);
        Migrator.migrate(dataSource);
        Jdbi jdbi = GrantsServices.configure(Jdbi.create(dataSource));
        DemoData.loadOrganisations(jdbi);
        SteppingClock clock = new SteppingClock(Instant.parse("2020-04-15T09:30:00Z"));
        GrantsServices services = GrantsServices.build(jdbi, clock,
                new EvidenceStorage(Path.of(System.getProperty("java.io.tmpdir"), "bench-evidence"), 10_000_000),
                new GrantsServices.SignIn(4, Duration.ofHours(8), Duration.ofMinutes(1), Duration.ofMinutes(15), 5,
                        50, false),
                AuditSigningKey.loadOrCreate(keyFile),
                new AuditPackService.Settings(20_000_000, Path.of(System.getProperty("java.io.tmpdir"), "bench-packs")));
        String hash = new PasswordHasher(4).hash("bench-password");
        Actor manager = user(jdbi, "bench-manager", hash, "GRANT_MANAGER", null);
        Actor finance = user(jdbi, "bench-finance", hash, "FINANCE_OFFICER", null);
        user(jdbi, "bench-auditor", hash, "AUDITOR", null);
        List<Organisation> organisations = jdbi.withExtension(OrganisationDao.class,
                dao -> DemoData.ORGANISATIONS.stream().map(o -> dao.findByCode(o.code()).orElseThrow()).toList());
        List<Actor> recipients = new ArrayList<>();
        for (Organisation organisation : organisations) {
            recipients.add(user(jdbi, "bench-" + organisation.code().toLowerCase(Locale.ROOT), hash, "RECIPIENT",
                    organisation));
        }
        List<Scheme> schemes = new ArrayList<>();
        for (int index = 1; index <= SCHEMES; index++) {
            schemes.add(services.schemes().create(manager, new NewScheme(String.format("BENCH%02d", index),
                    "Benchmark scheme " + index, "Cynllun meincnod " + index, "2019-20", "100000000.00",
                    "50000.00")));
        }
        long started = System.nanoTime();
        AtomicLong made = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            int first = thread;
            work.add(pool.submit(() -> {
                // each thread its own schemes, so they do not queue on a scheme's row lock
                for (int award = first; award < count; award += threads) {
                    Scheme scheme = schemes.get(award % SCHEMES);
                    int organisation = award % organisations.size();
                    story(services, manager, finance, recipients.get(organisation), scheme,
                            organisations.get(organisation), award);
                    long done = made.incrementAndGet();
                    if (done % 200 == 0) {
                        System.out.printf("%d awards, %.0f/s%n", done, done / ((System.nanoTime() - started) / 1e9));
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        services.checkpoints().writeIfDue();
        System.out.printf("generated %d awards in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
    }

    private static void story(GrantsServices services, Actor manager, Actor finance, Actor recipient, Scheme scheme,
                              Organisation organisation, int index) {
        Award award = services.awards().create(manager, new NewAward(scheme.id().toString(),
                organisation.id().toString(), "12000.00", List.of("Spend only on care-experienced children",
                        "Report outcomes quarterly"),
                List.of(new NewAward.NewOutcomeTarget("children-supported", "Children supported",
                        new BigDecimal("40")))));
        services.awards().transition(manager, award.id(), AwardTransition.OFFER);
        services.awards().transition(recipient, award.id(), AwardTransition.ACCEPT);
        for (int quarter = 0; quarter < 2; quarter++) {
            LocalDate start = LocalDate.of(2019, 4, 1).plusMonths(3L * quarter);
            Claim claim = services.claims().create(recipient, award.id(), new NewClaim(start.toString(),
                    start.plusMonths(3).minusDays(1).toString(), List.of(
                            new NewClaim.NewClaimLine("staff", "Virtual school staff, quarter " + (quarter + 1),
                                    "1500.00"),
                            new NewClaim.NewClaimLine("activities", "Activities and trips", "420.50"),
                            new NewClaim.NewClaimLine("equipment", "Laptops for " + (index % 7 + 2) + " pupils",
                                    "879.99"))));
            services.claims().transition(recipient, claim.id(), ClaimTransition.SUBMIT, null);
            services.claims().transition(finance, claim.id(), ClaimTransition.APPROVE, null);
            if (quarter == 0) {
                services.claims().pay(finance, claim.id(), new NewPayment("2800.49", "2020-04-15",
                        "BACS-" + index + "-" + quarter));
            }
        }
    }

    private static Actor user(Jdbi jdbi, String username, String hash, String role, Organisation organisation) {
        jdbi.useExtension(UserDao.class, users -> users.insertIfAbsent(username, hash, "Benchmark " + username, role,
                organisation == null ? null : organisation.id().value(), false));
        return jdbi.withExtension(UserDao.class, users -> users.findByUsername(username)).orElseThrow().asActor();
    }

    /** A clock after the year's end that moves on a microsecond each reading, as the tests' clock does. */
    private static final class SteppingClock extends Clock {
        private final AtomicReference<Instant> now;

        SteppingClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        @Override
        public Instant instant() {
            return now.getAndUpdate(instant -> instant.plusNanos(1_000));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
