package wales.gov.grants.users;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.kernel.Digests;

import static java.util.Objects.requireNonNull;

/**
 * Server-side sessions of the web pages, in the database so that every server knows every session. A session id
 * is 32 random bytes shown to the browser once; only its SHA-256 is stored. A session ends after
 * {@code idleTimeout} without a request, or when its user signs out; a disabled user's sessions stop signing in
 * at once, because every request reads the user again. Beginning and ending a session are audited, as issuing and
 * revoking a token are.
 */
public final class WebSessionService {
    public static final Set<String> LANGUAGES = Set.of("en", "cy");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ID_BYTES = 32;
    private static final int MAX_ID_LENGTH = 100;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration idleTimeout;
    private final AuthService auth;
    private final AuditLog auditLog;

    public WebSessionService(Jdbi jdbi, Clock clock, Duration idleTimeout, AuthService auth, AuditLog auditLog) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
        this.auth = requireNonNull(auth, "auth is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
    }

    /** A session begun by a sign-in: the id for the cookie (never stored) and the session. */
    public record Started(String id, WebSession session) {
        public Started {
            requireNonNull(id, "id is null");
            requireNonNull(session, "session is null");
        }
    }

    /**
     * Signs in with a password through {@link AuthService#authenticate}, the API's own sign-in and throttle, and
     * begins a new session (always a fresh id: a session id the browser had before signing in is never promoted).
     *
     * @return the new session, or empty if the username or password is wrong
     * @throws TooManyAttemptsException if sign-in is throttled for this username or address
     */
    public Optional<Started> signIn(String username, String password, String clientAddress, String language) {
        return auth.authenticate(username, password, clientAddress).map(user -> start(user, language, clientAddress));
    }

    private Started start(User user, String language, String clientAddress) {
        String id = random();
        String csrfSecret = random();
        String chosen = language != null && LANGUAGES.contains(language) ? language : "en";
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            WebSessionDao sessions = handle.attach(WebSessionDao.class);
            sessions.deleteExpired(now);
            sessions.insert(Digests.sha256(id), user.id().value(), now, now.plus(idleTimeout), csrfSecret, chosen);
            auditLog.append(handle, AuditEvent.of(user.asActor(), AuditAction.SESSION_STARTED, user.id())
                    .details(Map.of("idleTimeout", idleTimeout.toString()))
                    .clientAddress(clientAddress)
                    .build());
        });
        return new Started(id, new WebSession(user, now, csrfSecret, chosen));
    }

    /** The live session with this id, its idle timeout moved on; empty if unknown, expired or the user may not sign in. */
    public Optional<WebSession> find(String id) {
        if (!wellFormed(id)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbi.withExtension(WebSessionDao.class, sessions -> sessions.touch(Digests.sha256(id), now,
                        now.plus(idleTimeout)))
                .filter(session -> auth.maySignIn(session.user()));
    }

    public void setLanguage(String id, String language) {
        if (id != null && language != null && LANGUAGES.contains(language)) {
            jdbi.useExtension(WebSessionDao.class, sessions -> sessions.setLanguage(Digests.sha256(id), language));
        }
    }

    /**
     * Ends the session: its row is deleted, so the id signs in nowhere again, and the end is audited as its user's.
     * An unknown or expired id ends nothing and records nothing.
     */
    public void signOut(String id, String clientAddress) {
        if (!wellFormed(id)) {
            return;
        }
        jdbi.useTransaction(handle -> handle.attach(WebSessionDao.class).delete(Digests.sha256(id), clock.instant())
                .flatMap(userId -> handle.attach(UserDao.class).find(userId))
                .ifPresent(user -> auditLog.append(handle, AuditEvent.of(user.asActor(), AuditAction.SESSION_ENDED,
                        user.id()).clientAddress(clientAddress).build())));
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** A cookie's value that could be one of our ids: anything else is no session, and never reaches a query. */
    private static boolean wellFormed(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_ID_LENGTH && !Credentials.hasControlCharacter(id);
    }

    private static String random() {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
