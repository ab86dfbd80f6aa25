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
 * Benchmark data (not a test): CLAIMS submitted claims for the finance officer's work queue, made through the
 * services as the API would make them. Four schemes QUEUE1..QUEUE4 of 2019-20, one active award per scheme and
 * local authority (88 awards), and claims of one day each spread over the awards in turn, one to three lines, a
 * sixth of them at or above the scheme's dual approval threshold (so the queue shows its tags). Prints the id of
 * each scheme ("scheme QUEUE1 <id> <claims>") for the driver to filter by.
 *
 *   java -cp grants-api/target/grants-api.jar GenerateClaims.java JDBC_URL USER SIGNING_KEY.pem CLAIMS [THREADS]
 */
public final class GenerateClaims {
    private static final int SCHEMES = 4;

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
        GrantsServices services = GrantsServices.build(jdbi, new SteppingClock(Instant.parse("2020-04-15T09:30:00Z")),
                new EvidenceStorage(Path.of(System.getProperty("java.io.tmpdir"), "queue-bench-evidence"), 10_000_000),
                new GrantsServices.SignIn(4, Duration.ofHours(8), Duration.ofMinutes(1), Duration.ofMinutes(15), 5,
                        50, false),
                AuditSigningKey.loadOrCreate(keyFile),
                new AuditPackService.Settings(20_000_000, Path.of(System.getProperty("java.io.tmpdir"),
                        "queue-bench-packs")));
        String hash = new PasswordHasher(4).hash("bench-password");
        Actor manager = user(jdbi, "queue-manager", hash, "GRANT_MANAGER", null);
        List<Organisation> organisations = jdbi.withExtension(OrganisationDao.class,
                dao -> DemoData.ORGANISATIONS.stream().map(o -> dao.findByCode(o.code()).orElseThrow())
                        .filter(o -> o.type().name().equals("LOCAL_AUTHORITY")).toList());
        List<Actor> recipients = new ArrayList<>();
        for (Organisation organisation : organisations) {
            recipients.add(user(jdbi, "queue-" + organisation.code().toLowerCase(Locale.ROOT), hash, "RECIPIENT",
                    organisation));
        }
        List<Scheme> schemes = new ArrayList<>();
        List<List<Award>> awards = new ArrayList<>();
        for (int index = 1; index <= SCHEMES; index++) {
            Scheme scheme = services.schemes().create(manager, new NewScheme("QUEUE" + index,
                    "Work queue scheme " + index, "Cynllun ciw gwaith " + index, "2019-20", "900000000.00",
                    "5000.00"));
            schemes.add(scheme);
            List<Award> ofScheme = new ArrayList<>();
            for (int organisation = 0; organisation < organisations.size(); organisation++) {
                Award award = services.awards().create(manager, new NewAward(scheme.id().toString(),
                        organisations.get(organisation).id().toString(), "5000000.00",
                        List.of("Spend only on care-experienced children"),
                        List.of(new NewAward.NewOutcomeTarget("children-supported", "Children supported",
                                new BigDecimal("40")))));
                services.awards().transition(manager, award.id(), AwardTransition.OFFER);
                ofScheme.add(services.awards().transition(recipients.get(organisation), award.id(),
                        AwardTransition.ACCEPT));
            }
            awards.add(ofScheme);
        }
        int awardCount = SCHEMES * organisations.size();
        if (count > awardCount * 366) {
            throw new IllegalArgumentException("at most " + awardCount * 366 + " one-day claims fit in the year");
        }
        long started = System.nanoTime();
        AtomicLong made = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            int first = thread;
            work.add(pool.submit(() -> {
                for (int claim = first; claim < count; claim += threads) {
                    int award = claim % awardCount;
                    int organisation = award % organisations.size();
                    Award target = awards.get(award / organisations.size()).get(organisation);
                    LocalDate day = LocalDate.of(2019, 4, 1).plusDays(claim / awardCount);
                    List<NewClaim.NewClaimLine> lines = new ArrayList<>();
                    for (int line = 0; line <= claim % 3; line++) {
                        lines.add(new NewClaim.NewClaimLine("PDG Access", "Uniform and equipment, line " + line,
                                claim % 6 == 0 ? "5200.00" : (100 + claim % 900) + ".25"));
                    }
                    Claim draft = services.claims().create(recipients.get(organisation), target.id(),
                            new NewClaim(day.toString(), day.toString(), lines));
                    services.claims().transition(recipients.get(organisation), draft.id(), ClaimTransition.SUBMIT,
                            null);
                    long done = made.incrementAndGet();
                    if (done % 500 == 0) {
                        System.out.printf("%d claims, %.0f/s%n", done, done / ((System.nanoTime() - started) / 1e9));
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
        System.out.printf("generated %d submitted claims in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
        for (int index = 0; index < SCHEMES; index++) {
            int ofScheme = 0;
            for (int claim = 0; claim < count; claim++) {
                if ((claim % awardCount) / organisations.size() == index) {
                    ofScheme++;
                }
            }
            System.out.printf("scheme %s %s %d%n", schemes.get(index).code(), schemes.get(index).id(), ofScheme);
        }
    }

    private static Actor user(Jdbi jdbi, String username, String hash, String role, Organisation organisation) {
        jdbi.useExtension(UserDao.class, users -> users.insertIfAbsent(username, hash, "Benchmark " + username, role,
                organisation == null ? null : organisation.id().value(), false));
        return jdbi.withExtension(UserDao.class, users -> users.findByUsername(username)).orElseThrow().asActor();
    }

    /** A clock after the year's end that moves on a microsecond each reading, so the queue's order is the making's. */
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
