package wales.gov.grants.users;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
import wales.gov.grants.kernel.Digests;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.TokenId;
import wales.gov.grants.kernel.ValidationException;
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
    private static final int MAX_ADDRESS_LENGTH = 100;
    /** How stale a token's recorded last use may be before a sign-in with it records the use again. */
    public static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final AuditLog auditLog;
    private final Clock clock;
    private final boolean demoMode;
    private final Duration tokenLifetime;
    private final Cache<String, Boolean> verifiedPasswords;
    private final SecretKeySpec cacheKey;

    public AuthService(Jdbi jdbi, PasswordHasher hasher, PasswordPolicy policy, LoginThrottle throttle,
                       AuditLog auditLog, Clock clock, boolean demoMode, Duration tokenLifetime,
                       Duration cacheLifetime) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.policy = requireNonNull(policy, "policy is null");
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

    /**
     * The user of a live bearer token and the token's id. Its last use is recorded to the minute only
     * ({@link #LAST_USE_PRECISION}), so a token in constant use costs one write a minute, not one a request.
     */
    public Optional<TokenSignIn> authenticateToken(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH
                || Credentials.hasControlCharacter(token)) {
            return Optional.empty();
        }
        byte[] hash = Digests.sha256(token);
        Instant now = clock.instant();
        return jdbi.withExtension(TokenDao.class, tokens -> tokens.findLive(hash, now, now.minus(LAST_USE_PRECISION)))
                .filter(signIn -> maySignIn(signIn.user()));
    }

    /** Issues a random bearer token; only its SHA-256 is stored, so the token is shown this once. */
    public IssuedToken issueToken(User user, String clientAddress) {
        byte[] random = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(tokenLifetime);
        jdbi.useTransaction(handle -> {
            handle.attach(TokenDao.class).insert(user.id().value(), Digests.sha256(token), now, expiresAt,
                    clientAddress == null || clientAddress.length() > MAX_ADDRESS_LENGTH ? null : clientAddress);
            auditLog.append(handle, AuditEvent.of(user.asActor(), AuditAction.TOKEN_ISSUED, user.id())
                    .details(Map.of("expiresAt", expiresAt.toString()))
                    .clientAddress(clientAddress)
                    .build());
        });
        return new IssuedToken(token, expiresAt);
    }

    /**
     * Changes the signed-in user's own password. The current password is checked as a sign-in is, throttle first:
     * a wrong one counts as a failed sign-in (and is audited as one), because otherwise a stolen token would let
     * its holder guess the password without limit. Every other live token of the user is revoked, so whoever else
     * holds one is signed out; {@code keptToken} (the token of this request, null for HTTP Basic) survives.
     *
     * @throws TooManyAttemptsException if sign-in is throttled for this username or address
     * @throws ValidationException if the current password is wrong or the new one breaks {@link PasswordPolicy}
     */
    public PasswordChange changePassword(User user, TokenId keptToken, String currentPassword, String newPassword,
                                         String clientAddress) {
        Validator validator = new Validator();
        validator.check(currentPassword != null && !currentPassword.isEmpty(), "currentPassword", "is required");
        policy.check(validator, "newPassword", newPassword, user.username());
        validator.throwIfInvalid();
        LoginThrottle.Attempt attempt = throttle.begin(user.username(), clientAddress, true);
        Optional<Duration> retryAfter = attempt.retryAfter();
        if (retryAfter.isPresent()) {
            recordThrottled(attempt, user.username(), clientAddress, retryAfter.get());
            throw new TooManyAttemptsException(retryAfter.get());
        }
        SignInState state = attempt.state();
        if (state.user() == null || !state.user().id().equals(user.id())) {
            throw new NotFoundException("user", user.id().toString());
        }
        boolean wellFormed = !Credentials.hasControlCharacter(currentPassword);
        if (!wellFormed || !hasher.verify(currentPassword, state.passwordHash())) {
            jdbi.useTransaction(handle -> {
                throttle.recordFailure(handle, attempt);
                auditLog.append(handle, AuditEvent.of(user.asActor(), AuditAction.LOGIN_FAILED, user.id())
                        .details(Map.of("username", user.username(), "reason", "wrong current password when "
                                + "changing the password"))
                        .clientAddress(clientAddress)
                        .build());
            });
            throw ValidationException.of("currentPassword", "is not your current password");
        }
        throttle.recordSuccess(attempt);
        if (hasher.verify(newPassword, state.passwordHash())) {
            throw ValidationException.of("newPassword", "must differ from the current password");
        }
        String newHash = hasher.hash(newPassword);
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            String lockedHash = users.lockPasswordHash(user.id().value())
                    .orElseThrow(() -> new NotFoundException("user", user.id().toString()));
            if (!lockedHash.equals(state.passwordHash())) {
                throw new StateConflictException("the password was changed by another request meanwhile");
            }
            users.setPasswordHash(user.id().value(), newHash);
            int revoked = handle.attach(TokenDao.class).revokeAllBut(user.id().value(),
                    keptToken == null ? null : keptToken.value(), now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("tokensRevoked", revoked);
            if (keptToken != null) {
                details.put("tokenKept", keptToken.toString());
            }
            auditLog.append(handle, AuditEvent.of(user.asActor(), AuditAction.PASSWORD_CHANGED, user.id())
                    .details(details)
                    .clientAddress(clientAddress)
                    .build());
            return new PasswordChange(revoked);
        });
    }

    /** @param tokensRevoked how many of the user's other tokens the change signed out */
    public record PasswordChange(int tokensRevoked) {
    }

    /** Whether {@code user} may sign in now: enabled, and not a demo user outside demo mode. */
    public boolean maySignIn(User user) {
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
