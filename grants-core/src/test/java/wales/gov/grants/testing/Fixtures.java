package wales.gov.grants.testing;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.audit.AuditSigningKey;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardService;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.awards.NewAward;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimService;
import wales.gov.grants.claims.ClaimTransition;
import wales.gov.grants.claims.NewClaim;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.organisations.OrganisationDao;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.recoveries.RecoveryService;
import wales.gov.grants.schemes.NewScheme;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.schemes.SchemeService;
import wales.gov.grants.users.AuthService;
import wales.gov.grants.users.LoginThrottle;
import wales.gov.grants.users.PasswordHasher;
import wales.gov.grants.users.PasswordPolicy;
import wales.gov.grants.users.User;
import wales.gov.grants.users.UserDao;
import wales.gov.grants.wiring.GrantsServices;

/**
 * Test-data builders over the real services and database: users of each role, schemes with unique codes, awards
 * and claims in any state, each state reached through the services as a user would reach it. Every name is
 * unique, so tests sharing one database never see each other's data. Time is a {@link TestClock} the test moves.
 */
public final class Fixtures {
    public static final String PASSWORD = "correct-horse-battery";
    /** bcrypt at its lowest cost: tests sign in often, and the cost is a setting, not the algorithm. */
    public static final PasswordHasher FAST_HASHER = new PasswordHasher(4);
    /** The sign-in settings of {@link #services()}: tests of expiry and throttling move the clock by these. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(8);
    public static final Duration THROTTLE_WINDOW = Duration.ofMinutes(15);
    public static final int MAX_FAILURES_PER_USERNAME = 5;
    private static final String FAST_HASH = FAST_HASHER.hash(PASSWORD);
    private static final Duration VERIFIED_PASSWORD_CACHE = Duration.ofMinutes(1);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final LocalDate FINANCIAL_YEAR_START = LocalDate.of(2019, 4, 1);

    /** Evidence files up to this size are attached to the packs the tests make. */
    public static final long PACK_ATTACHMENT_LIMIT = 1_000_000;
    private static AuditSigningKey signingKey;

    private final Jdbi jdbi;
    private final TestClock clock;
    private final GrantsServices services;

    public Fixtures(Jdbi jdbi, TestClock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.services = services(new EvidenceStorage(Path.of("target", "fixtures-evidence"), 10_000_000));
    }

    /** Every service, on this database and clock, with {@code storage} for evidence and fast sign-in settings. */
    public GrantsServices services(EvidenceStorage storage) {
        return services(storage, PACK_ATTACHMENT_LIMIT);
    }

    /** {@link #services(EvidenceStorage)}, attaching evidence files up to {@code packAttachmentLimit} to packs. */
    public GrantsServices services(EvidenceStorage storage, long packAttachmentLimit) {
        return GrantsServices.build(jdbi, clock, storage, new GrantsServices.SignIn(4, TOKEN_LIFETIME,
                VERIFIED_PASSWORD_CACHE, THROTTLE_WINDOW, MAX_FAILURES_PER_USERNAME, 50, false), signingKey(),
                new AuditPackService.Settings(packAttachmentLimit, Path.of("target", "fixtures-packs")));
    }

    /** The one signing key of the tests in this JVM, under target/. */
    public static synchronized AuditSigningKey signingKey() {
        if (signingKey == null) {
            signingKey = AuditSigningKey.loadOrCreate(Path.of("target", "test-audit-signing-key.pem"));
        }
        return signingKey;
    }

    public GrantsServices services() {
        return services;
    }

    /** Fixtures on a clock of their own, at {@link TestClock#START}. */
    public static Fixtures onTestDatabase() {
        return onTestDatabase(new TestClock());
    }

    /** Fixtures on {@code clock}, shared with whatever else the test runs on it (such as the API server). */
    public static Fixtures onTestDatabase(TestClock clock) {
        return new Fixtures(TestDatabase.get().jdbi(), clock);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public TestClock clock() {
        return clock;
    }

    public AuditLog auditLog() {
        return services.auditLog();
    }

    public SchemeService schemes() {
        return services.schemes();
    }

    public AwardService awards() {
        return services.awards();
    }

    public ClaimService claims() {
        return services.claims();
    }

    public RecoveryService recoveries() {
        return services.recoveries();
    }

    public AuthService authService(boolean demoMode) {
        return new AuthService(jdbi, FAST_HASHER, PasswordPolicy.standard(),
                new LoginThrottle(jdbi, clock, THROTTLE_WINDOW, MAX_FAILURES_PER_USERNAME, 50),
                services.auditLog(), clock, demoMode, TOKEN_LIFETIME, VERIFIED_PASSWORD_CACHE);
    }

    public static String unique(String prefix) {
        return prefix + SEQUENCE.incrementAndGet() + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A user of the role with password {@link #PASSWORD}; a recipient is bound to {@code organisation}. */
    public User user(Role role, Organisation organisation) {
        return user(role, organisation, unique(role.name().toLowerCase().replace('_', '-') + "-"));
    }

    /** {@link #user(Role, Organisation)} with a chosen username; the same user again if it exists. */
    public User user(Role role, Organisation organisation, String username) {
        jdbi.useExtension(UserDao.class, users -> users.insertIfAbsent(username, FAST_HASH, "Test " + role, role.name(),
                organisation == null ? null : organisation.id().value(), false));
        return jdbi.withExtension(UserDao.class, users -> users.findByUsername(username)).orElseThrow();
    }

    public Actor actor(Role role) {
        if (role == Role.RECIPIENT) {
            throw new IllegalArgumentException("a recipient needs an organisation: use recipient(organisation)");
        }
        return user(role, null).asActor();
    }

    public Actor recipient(Organisation organisation) {
        return user(Role.RECIPIENT, organisation).asActor();
    }

    public Organisation organisation(String code) {
        return jdbi.withExtension(OrganisationDao.class, dao -> dao.findByCode(code)).orElseThrow();
    }

    public Organisation cardiff() {
        return organisation("W06000015");
    }

    public Organisation swansea() {
        return organisation("W06000011");
    }

    public Scheme scheme(Actor manager, String budget, String threshold) {
        return schemes().create(manager, new NewScheme(unique("S").toUpperCase().replaceAll("[^A-Z0-9]", ""),
                "Test scheme", "Cynllun prawf", "2019-20", budget, threshold));
    }

    public Award award(Actor manager, Scheme scheme, Organisation organisation, String amount) {
        return awards().create(manager, new NewAward(scheme.id().toString(), organisation.id().toString(), amount,
                List.of("Spend only on care-experienced children"),
                List.of(new NewAward.NewOutcomeTarget("care-leavers-supported", "Care leavers supported",
                        new BigDecimal("100")))));
    }

    /** An award taken through offer and acceptance to ACTIVE. */
    public Award activeAward(Actor manager, Scheme scheme, Organisation organisation, String amount, Actor recipient) {
        Award award = award(manager, scheme, organisation, amount);
        awards().transition(manager, award.id(), AwardTransition.OFFER);
        return awards().transition(recipient, award.id(), AwardTransition.ACCEPT);
    }

    /** A draft claim for one day of the 2019-20 financial year (day 0 is 1 April 2019), one line per amount. */
    public Claim draftClaim(Actor recipient, Award award, int day, String... amounts) {
        LocalDate date = FINANCIAL_YEAR_START.plusDays(day);
        List<NewClaim.NewClaimLine> lines = new ArrayList<>();
        for (String amount : amounts) {
            lines.add(new NewClaim.NewClaimLine("PDG Access", "School uniform and equipment", amount));
        }
        return claims().create(recipient, award.id(),
                new NewClaim(date.toString(), date.toString(), lines));
    }

    /** A claim drafted and submitted by {@code recipient}. */
    public Claim submittedClaim(Actor recipient, Award award, int day, String... amounts) {
        Claim draft = draftClaim(recipient, award, day, amounts);
        return claims().transition(recipient, draft.id(), ClaimTransition.SUBMIT, null);
    }

    /** A claim below the dual approval threshold, submitted and approved by {@code officer}. */
    public Claim approvedClaim(Actor recipient, Actor officer, Award award, int day, String... amounts) {
        Claim submitted = submittedClaim(recipient, award, day, amounts);
        return approve(officer, submitted);
    }

    /** Approves a submitted claim below the dual approval threshold, as {@code officer}. */
    public Claim approve(Actor officer, Claim submitted) {
        return claims().transition(officer, submitted.id(), ClaimTransition.APPROVE, null);
    }
}
