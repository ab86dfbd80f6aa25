package wales.gov.grants.users;

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
 * Signs users in by password or bearer token. Passwords are checked with bcrypt; a successful check is cached
 * briefly (keyed by a keyed hash of the password, never the password) so a busy client does not pay bcrypt on
 * every request. Failures are throttled and audited. Demo users are refused unless the server runs in demo mode.
 */
public final class AuthService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuditLog auditLog;
    private final Clock clock;
    private final boolean demoMode;
    private final Duration tokenLifetime;
    private final Cache<String, User> verified;
    /** Recently verified bearer tokens by SHA-256, so a busy client does not cost a query per request. */
    private final Cache<String, VerifiedToken> verifiedTokens;
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
        this.verified = Caffeine.newBuilder().expireAfterWrite(cacheLifetime).maximumSize(10_000).build();
        this.verifiedTokens = Caffeine.newBuilder().expireAfterWrite(cacheLifetime).maximumSize(10_000).build();
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        this.cacheKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * @return the user, or empty if the username or password is wrong, the user is disabled, or is a demo user
     *         outside demo mode
     * @throws TooManyAttemptsException if sign-in is throttled for this username or address
     */
    public Optional<User> authenticate(String username, String password, String clientAddress) {
        String cacheEntry = username + "\u0000" + keyedHash(password);
        User cached = verified.getIfPresent(cacheEntry);
        if (cached != null) {
            return Optional.of(cached);
        }
        throttle.check(username, clientAddress);
        Optional<UserWithHash> candidate = jdbi.withExtension(UserDao.class, users -> users.findByUsername(username)
                .flatMap(user -> users.passwordHash(username).map(hash -> new UserWithHash(user, hash))));
        boolean passwordMatches = candidate.isPresent()
                ? hasher.verify(password, candidate.get().passwordHash())
                : hasher.verifyAgainstDecoy(password);
        Optional<User> user = candidate.map(UserWithHash::user)
                .filter(ignored -> passwordMatches)
                .filter(this::maySignIn);
        if (user.isEmpty()) {
            throttle.recordFailure(username, clientAddress);
            recordFailure(username, clientAddress, candidate.isPresent() && passwordMatches
                    ? "account may not sign in" : "wrong username or password");
            return Optional.empty();
        }
        throttle.recordSuccess(username);
        verified.put(cacheEntry, user.get());
        return user;
    }

    public Optional<User> authenticateToken(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        byte[] hash = Digests.sha256(token);
        String key = HexFormat.of().formatHex(hash);
        Instant now = clock.instant();
        VerifiedToken cached = verifiedTokens.getIfPresent(key);
        if (cached != null && cached.expiresAt().isAfter(now)) {
            return Optional.of(cached.user());
        }
        Optional<VerifiedToken> verified = jdbi.withExtension(UserDao.class, users -> users.findByToken(hash, now)
                .filter(this::maySignIn)
                .flatMap(user -> users.tokenExpiry(hash).map(expiresAt -> new VerifiedToken(user, expiresAt))));
        verified.ifPresent(entry -> verifiedTokens.put(key, entry));
        return verified.map(VerifiedToken::user);
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

    private void recordFailure(String username, String clientAddress, String reason) {
        jdbi.useTransaction(handle -> auditLog.append(handle,
                AuditEvent.of(null, AuditAction.LOGIN_FAILED, null)
                        .details(Map.of("username", username.length() > 100 ? username.substring(0, 100) : username,
                                "reason", reason))
                        .clientAddress(clientAddress)
                        .build()));
    }

    private String keyedHash(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cacheKey);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }


    public record IssuedToken(String token, Instant expiresAt) {
    }

    private record VerifiedToken(User user, Instant expiresAt) {
    }

    private record UserWithHash(User user, String passwordHash) {
    }
}
