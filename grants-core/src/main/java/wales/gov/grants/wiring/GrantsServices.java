package wales.gov.grants.wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditCheckpoints;
import wales.gov.grants.audit.AuditDao;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.audit.AuditSigningKey;
import wales.gov.grants.audit.AuditVerifier;
import wales.gov.grants.awards.AuditTrailService;
import wales.gov.grants.awards.AwardAccess;
import wales.gov.grants.awards.AwardDao;
import wales.gov.grants.awards.AwardService;
import wales.gov.grants.claims.ClaimDao;
import wales.gov.grants.claims.ClaimDecisionDao;
import wales.gov.grants.claims.ClaimService;
import wales.gov.grants.claims.WarningDao;
import wales.gov.grants.database.Persistence;
import wales.gov.grants.delegations.DelegationDao;
import wales.gov.grants.delegations.DelegationService;
import wales.gov.grants.evidence.EvidenceDao;
import wales.gov.grants.evidence.EvidenceService;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.idempotency.IdempotencyDao;
import wales.gov.grants.idempotency.IdempotencyService;
import wales.gov.grants.organisations.OrganisationDao;
import wales.gov.grants.organisations.OrganisationService;
import wales.gov.grants.outcomes.OutcomeDao;
import wales.gov.grants.outcomes.OutcomeService;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.packs.PackDao;
import wales.gov.grants.recoveries.Ledger;
import wales.gov.grants.recoveries.RecoveryDao;
import wales.gov.grants.recoveries.RecoveryService;
import wales.gov.grants.recoveries.TotalsDao;
import wales.gov.grants.reminders.ReminderDao;
import wales.gov.grants.reminders.ReminderService;
import wales.gov.grants.samples.SampleService;
import wales.gov.grants.schemes.SchemeDao;
import wales.gov.grants.schemes.SchemeService;
import wales.gov.grants.users.AuthService;
import wales.gov.grants.users.LoginThrottle;
import wales.gov.grants.users.PasswordHasher;
import wales.gov.grants.users.PasswordPolicy;
import wales.gov.grants.users.SignInDao;
import wales.gov.grants.users.TokenDao;
import wales.gov.grants.users.TokenService;
import wales.gov.grants.users.UserDao;
import wales.gov.grants.users.UserService;

import static java.util.Objects.requireNonNull;

/**
 * Every service of the application, built once from the database, the clock, the evidence store and the sign-in
 * settings. The API server, the batch jobs and the tests all build them here, so they run the same rules.
 */
public record GrantsServices(
        Jdbi jdbi,
        Clock clock,
        AuditLog auditLog,
        PasswordHasher passwordHasher,
        AuthService auth,
        UserService users,
        TokenService tokens,
        OrganisationService organisations,
        SchemeService schemes,
        AwardService awards,
        AuditTrailService auditTrail,
        ClaimService claims,
        RecoveryService recoveries,
        EvidenceService evidence,
        OutcomeService outcomes,
        IdempotencyService idempotency,
        AuditSigningKey signingKey,
        AuditCheckpoints checkpoints,
        AuditVerifier verifier,
        AuditPackService packs,
        ReminderService reminders,
        SampleService samples,
        DelegationService delegations) {
    /** Every SQL Object the services attach. */
    public static final List<Class<?>> DAOS = List.of(AuditDao.class, AwardDao.class, ClaimDao.class,
            ClaimDecisionDao.class, EvidenceDao.class, IdempotencyDao.class, OrganisationDao.class, OutcomeDao.class,
            RecoveryDao.class, SchemeDao.class, SignInDao.class, TokenDao.class, TotalsDao.class, UserDao.class,
            PackDao.class, ReminderDao.class, DelegationDao.class, WarningDao.class);

    public GrantsServices {
        requireNonNull(jdbi, "jdbi is null");
        requireNonNull(clock, "clock is null");
    }

    /** Sign-in settings: how costly a password hash is, how long tokens live, how failures are throttled. */
    public record SignIn(int bcryptCost, Duration tokenLifetime, Duration verifiedPasswordCache,
                         Duration throttleWindow, int maxFailuresPerUsername, int maxFailuresPerAddress,
                         boolean demoUsersAllowed) {
    }

    /** Applies this schema's JDBI configuration; call once per {@link Jdbi} before {@link #build}. */
    public static Jdbi configure(Jdbi jdbi) {
        return Persistence.configure(jdbi, DAOS);
    }

    /**
     * @param signingKey signs the checkpoints of the audit chains; its public key verifies them
     * @param packs how audit packs are made
     */
    public static GrantsServices build(Jdbi jdbi, Clock clock, EvidenceStorage storage, SignIn signIn,
                                       AuditSigningKey signingKey, AuditPackService.Settings packs) {
        return build(jdbi, clock, storage, signIn, signingKey, packs, new DelegationConfiguration().getMaxDays());
    }

    /** @param maxDelegationDays the longest a delegation of approval authority may last, both ends counted */
    public static GrantsServices build(Jdbi jdbi, Clock clock, EvidenceStorage storage, SignIn signIn,
                                       AuditSigningKey signingKey, AuditPackService.Settings packs,
                                       int maxDelegationDays) {
        AuditLog auditLog = new AuditLog(clock);
        PasswordHasher hasher = new PasswordHasher(signIn.bcryptCost());
        PasswordPolicy policy = PasswordPolicy.standard();
        LoginThrottle throttle = new LoginThrottle(jdbi, clock, signIn.throttleWindow(),
                signIn.maxFailuresPerUsername(), signIn.maxFailuresPerAddress());
        AuthService auth = new AuthService(jdbi, hasher, policy, throttle, auditLog, clock, signIn.demoUsersAllowed(),
                signIn.tokenLifetime(), signIn.verifiedPasswordCache());
        AwardAccess access = new AwardAccess();
        Ledger ledger = new Ledger(auditLog, clock);
        IdempotencyService idempotency = new IdempotencyService(jdbi, clock);
        OutcomeService outcomes = new OutcomeService(jdbi, auditLog, access, clock);
        AuditCheckpoints checkpoints = new AuditCheckpoints(jdbi, signingKey, clock);
        AuditVerifier verifier = new AuditVerifier(jdbi, signingKey.publicKey());
        DelegationService delegations = new DelegationService(jdbi, auditLog, clock, maxDelegationDays);
        return new GrantsServices(jdbi, clock, auditLog, hasher, auth,
                new UserService(jdbi, hasher, policy, throttle, auditLog, clock),
                new TokenService(jdbi, auditLog, clock),
                new OrganisationService(jdbi, auditLog, clock),
                new SchemeService(jdbi, auditLog, clock),
                new AwardService(jdbi, auditLog, access, ledger, clock),
                new AuditTrailService(jdbi, access),
                new ClaimService(jdbi, auditLog, access, ledger, delegations, clock),
                new RecoveryService(jdbi, auditLog, ledger, clock),
                new EvidenceService(jdbi, auditLog, access, clock, storage, idempotency),
                outcomes,
                idempotency,
                signingKey,
                checkpoints,
                verifier,
                new AuditPackService(jdbi, auditLog, access, ledger, outcomes, storage, checkpoints, verifier, packs),
                new ReminderService(jdbi, clock),
                new SampleService(jdbi, auditLog, checkpoints, storage, packs, clock),
                delegations);
    }
}
