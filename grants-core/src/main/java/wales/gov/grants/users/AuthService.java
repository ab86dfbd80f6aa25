package wales.gov.grants.users;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Digests;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.Validator;

import static java.util.Objects.requireNonNull;

/**
 * Signs users in by password or bearer token. Every sign-in reads the user as the database has it now, so that
 * disabling a user, changing a password or revoking a token takes effect on every server at once. Passwords are
 * checked with bcrypt; a successful check is cached briefly, keyed by a keyed hash of the user's id, the stored
 * password hash and the password (never the password), so the cache only saves a bcrypt whose answer the database
 * still confirms. Failures are throttled in the database (shared by every server) and audited. Demo users are
 * refused unless the server runs in demo mode.
 */
public final class AuthService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_TOKEN_LENGTH = 200;

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuditLog auditLog;
    private final Clock clock;
    private final boolean demoMode;
    private final Duration tokenLifetime;
    private final Cache<String, Boolean> verifiedPasswords;
    private final SecretKeySpec cacheKey;

    public AuthService(Jdbi jdbi, PasswordHasher hasher, LoginThrottle throttle, AuditLog auditLog, Clock clock,
                       boolean demoMode, Duration tokenLifetime, Duration cacheLifetime) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.throttle = requireNonNull(throttle, "throttle is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.demoMode = demoMode;
        this.tokenLifetime = requireNonNull(tokenLifetime, "tokenLifetime is null");
        this.verifiedPasswords = Caffeine.newBuilder().expireAfterWrite(cacheLifetime).maximumSize(10_000).build();
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        this.cacheKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * The throttle is consulted first: while the username or the address is throttled, the right password is
     * refused exactly as a wrong one, so the answer never tells a guesser which password is right.
     *
     * @return the user, or empty if the username or password is wrong (or has a control character), the user is
     *         disabled, or is a demo user outside demo mode
     * @throws TooManyAttemptsException if sign-in is throttled for this username or address
     */
    public Optional<User> authenticate(String username, String password, String clientAddress) {
        boolean wellFormed = !Credentials.hasControlCharacter(username) && !Credentials.hasControlCharacter(password);
        LoginThrottle.Attempt attempt = throttle.begin(username, clientAddress, wellFormed);
        Optional<Duration> retryAfter = attempt.retryAfter();
        if (retryAfter.isPresent()) {
            recordThrottled(attempt, username, clientAddress, retryAfter.get());
            throw new TooManyAttemptsException(retryAfter.get());
        }
        SignInState state = attempt.state();
        boolean passwordMatches = state.user() != null
                ? passwordMatches(state, password)
                : hasher.verifyAgainstDecoy(password);
        Optional<User> user = Optional.ofNullable(state.user())
                .filter(ignored -> passwordMatches)
                .filter(this::maySignIn);
        if (user.isEmpty()) {
            String reason = !wellFormed ? "credentials contain a control character"
                    : passwordMatches ? "account may not sign in" : "wrong username or password";
            jdbi.useTransaction(handle -> {
                throttle.recordFailure(handle, attempt);
                auditLog.append(handle, loginFailure(AuditAction.LOGIN_FAILED, clientAddress)
                        .details(Map.of("username", auditedUsername(username), "reason", reason))
                        .build());
            });
            return Optional.empty();
        }
        throttle.recordSuccess(attempt);
        return user;
    }

    public Optional<User> authenticateToken(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH
                || Credentials.hasControlCharacter(token)) {
            return Optional.empty();
        }
        byte[] hash = Digests.sha256(token);
        Instant now = clock.instant();
        return jdbi.withExtension(UserDao.class, users -> users.findByToken(hash, now)).filter(this::maySignIn);
    }

    /** Issues a random bearer token; only its SHA-256 is stored, so the token is shown this once. */
    public IssuedToken issueToken(User user, String clientAddress) {
        byte[] random = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(tokenLifetime);
        jdbi.useTransaction(handle -> {
            handle.attach(UserDao.class).insertToken(user.id().value(), Digests.sha256(token), now, expiresAt);
            auditLog.append(handle, AuditEvent.of(user.asActor(), AuditAction.TOKEN_ISSUED, user.id())
                    .details(Map.of("expiresAt", expiresAt.toString()))
                    .clientAddress(clientAddress)
                    .build());
        });
        return new IssuedToken(token, expiresAt);
    }

    /** Creates a user with a bcrypt hash of the password; the administrator's action is audited. */
    public User createUser(Actor administrator, String username, String password, String displayName, Role role,
                           OrganisationId organisationId) {
        administrator.requireRole(Role.ADMIN);
        Validator validator = new Validator();
        validator.check(username != null && username.matches("^[a-z0-9][a-z0-9._-]{1,63}$"), "username",
                "must be 2 to 64 lower-case letters, digits, '.', '-' or '_'");
        validator.check(password != null && password.length() >= 12 && password.length() <= 1000, "password",
                "must be 12 to 1000 characters");
        validator.check(password == null || !Credentials.hasControlCharacter(password), "password",
                "must not contain control characters");
        validator.check((role == Role.RECIPIENT) == (organisationId != null), "organisationId",
                "is required for a recipient and not allowed for any other role");
        validator.throwIfInvalid();
        return jdbi.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            if (users.insertIfAbsent(username, hasher.hash(password), displayName, role.name(),
                    organisationId == null ? null : organisationId.value(), false) == 0) {
                throw new StateConflictException("username " + username + " is taken");
            }
            User user = users.findByUsername(username).orElseThrow();
            auditLog.append(handle, AuditEvent.of(administrator, AuditAction.USER_CREATED, user.id())
                    .after(Map.of("username", username, "role", role.name(),
                            "organisationId", organisationId == null ? "" : organisationId.toString()))
                    .build());
            return user;
        });
    }

    private boolean maySignIn(User user) {
        return user.enabled() && (demoMode || !user.demo());
    }

    /** Counts a throttled attempt; the first of a burst (per username or address and window) is audited. */
    private void recordThrottled(LoginThrottle.Attempt attempt, String username, String clientAddress,
                                 Duration retryAfter) {
        jdbi.useTransaction(handle -> {
            throttle.recordFailure(handle, attempt);
            if (!attempt.burstAlreadyRecorded()) {
                auditLog.append(handle, loginFailure(AuditAction.LOGIN_THROTTLED, clientAddress)
                        .details(Map.of("username", auditedUsername(username),
                                "throttled", attempt.limitsReached(),
                                "retryAfterSeconds", Math.max(1, retryAfter.toSeconds())))
                        .build());
            }
        });
    }

    private static AuditEvent.Builder loginFailure(AuditAction action, String clientAddress) {
        return AuditEvent.of(null, action, null).clientAddress(clientAddress);
    }

    private static String auditedUsername(String username) {
        String printable = Credentials.printable(username);
        return printable.length() > 100 ? printable.substring(0, 100) : printable;
    }

    /**
     * bcrypt, unless this very password was verified recently against the hash the database holds now; a changed
     * password has a new hash, so an old entry no longer matches. An unknown user costs a bcrypt all the same.
     */
    private boolean passwordMatches(SignInState state, String password) {
        String key = keyedHash(state.user().id().toString(), state.passwordHash(), password);
        if (verifiedPasswords.getIfPresent(key) != null) {
            return true;
        }
        boolean matches = hasher.verify(password, state.passwordHash());
        if (matches) {
            verifiedPasswords.put(key, Boolean.TRUE);
        }
        return matches;
    }

    private String keyedHash(String... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cacheKey);
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                mac.update(bytes);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }


    public record IssuedToken(String token, Instant expiresAt) {
    }

}
