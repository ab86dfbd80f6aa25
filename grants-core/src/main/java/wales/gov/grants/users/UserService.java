package wales.gov.grants.users;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.UserId;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.kernel.Validator;
import wales.gov.grants.organisations.OrganisationDao;

import static java.util.Objects.requireNonNull;

/**
 * User accounts, as administrators look after them: create, list, disable, enable, and lift a sign-in throttle.
 * Every sign-in reads its user from the database, so each change here takes effect on every server with the next
 * request. Disabling also revokes the user's tokens, so enabling the user again does not bring old tokens back.
 * Two rules keep the system administrable: nobody disables themselves, and the last enabled administrator cannot
 * be disabled (checked with every enabled administrator's row locked, so two administrators disabling each other
 * at once leave one). Passwords never reach the audit trail.
 */
public final class UserService {
    private static final String USERNAME_PATTERN = "^[a-z0-9][a-z0-9._-]{1,63}$";

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final AuditLog auditLog;
    private final Clock clock;

    public UserService(Jdbi jdbi, PasswordHasher hasher, PasswordPolicy policy, LoginThrottle throttle,
                       AuditLog auditLog, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.throttle = requireNonNull(throttle, "throttle is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Page<User> list(Actor administrator, Page.Request page) {
        administrator.requireRole(Role.ADMIN);
        return jdbi.withExtension(UserDao.class, users -> new Page<>(users.page(page.limit(), page.offset()),
                users.count(), page.limit(), page.offset()));
    }

    public User get(Actor administrator, UserId id) {
        administrator.requireRole(Role.ADMIN);
        return jdbi.withExtension(UserDao.class, users -> users.find(id.value()))
                .orElseThrow(() -> new NotFoundException("user", id.toString()));
    }

    /**
     * Creates a user with a bcrypt hash of its password. A recipient acts for exactly one organisation and every
     * other role for none (the users table enforces the same).
     *
     * @throws StateConflictException if the username is taken
     */
    public User create(Actor administrator, NewUser request) {
        administrator.requireRole(Role.ADMIN);
        Validator validator = new Validator();
        String username = request.username();
        validator.check(username != null && username.matches(USERNAME_PATTERN), "username",
                "must be 2 to 64 lower-case letters, digits, '.', '-' or '_', starting with a letter or digit");
        String displayName = validator.line("displayName", request.displayName(), 200);
        Role role = request.role() == null ? validator.required("role", null)
                : validator.optionalEnum("role", request.role(), Role.class);
        OrganisationId organisationId = validator.optional("organisationId", request.organisationId(),
                OrganisationId::parse, "an organisation id");
        if (role != null && (role == Role.RECIPIENT) != (request.organisationId() != null)) {
            validator.reject("organisationId", role == Role.RECIPIENT ? "is required for a recipient"
                    : "is allowed for a recipient only: every other role acts for the Welsh Government");
        }
        policy.check(validator, "password", request.password(), username);
        validator.throwIfInvalid();
        String passwordHash = hasher.hash(request.password());
        return jdbi.inTransaction(handle -> {
            if (organisationId != null && handle.attach(OrganisationDao.class).find(organisationId.value()).isEmpty()) {
                throw ValidationException.of("organisationId", "names no organisation");
            }
            UserDao users = handle.attach(UserDao.class);
            UUID id = users.insert(username, passwordHash, displayName, role.name(),
                            organisationId == null ? null : organisationId.value(), clock.instant())
                    .orElseThrow(() -> new StateConflictException(
                            "the username " + username + " is taken"));
            User user = users.find(id).orElseThrow();
            auditLog.append(handle, AuditEvent.of(administrator, AuditAction.USER_CREATED, user.id())
                    .after(state(user))
                    .build());
            return user;
        });
    }

    /**
     * Disables a user: its password and tokens stop working on every server with the next request, and its live
     * tokens are revoked. Disabling a disabled user changes nothing and records nothing.
     *
     * @throws RuleViolationException if the administrator names themselves, or the last enabled administrator
     */
    public User disable(Actor administrator, UserId id) {
        administrator.requireRole(Role.ADMIN);
        if (administrator.userId().equals(id)) {
            throw new RuleViolationException("self-disable", "an administrator cannot disable their own account");
        }
        return jdbi.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            User unlocked = users.find(id.value()).orElseThrow(() -> new NotFoundException("user", id.toString()));
            if (unlocked.role() == Role.ADMIN) {
                // every enabled administrator's row first, in id order: the target's lock comes with them
                List<UUID> administrators = users.lockEnabledAdministrators();
                if (administrators.size() <= 1 && administrators.contains(id.value())) {
                    throw new RuleViolationException("last-administrator",
                            "the last enabled administrator cannot be disabled; enable or create another first");
                }
            }
            User user = users.findForUpdate(id.value()).orElseThrow();
            if (!user.enabled()) {
                return user;
            }
            Instant now = clock.instant();
            users.setEnabled(id.value(), false);
            int revoked = handle.attach(TokenDao.class).revokeAllBut(id.value(), null, now);
            auditLog.append(handle, AuditEvent.of(administrator, AuditAction.USER_DISABLED, id)
                    .before(Map.of("enabled", true))
                    .after(Map.of("enabled", false))
                    .details(Map.of("username", user.username(), "tokensRevoked", revoked))
                    .build());
            return users.find(id.value()).orElseThrow();
        });
    }

    /** Enables a user again; its tokens from before it was disabled stay revoked. */
    public User enable(Actor administrator, UserId id) {
        administrator.requireRole(Role.ADMIN);
        return jdbi.inTransaction(handle -> {
            UserDao users = handle.attach(UserDao.class);
            User user = users.findForUpdate(id.value()).orElseThrow(() -> new NotFoundException("user", id.toString()));
            if (user.enabled()) {
                return user;
            }
            users.setEnabled(id.value(), true);
            auditLog.append(handle, AuditEvent.of(administrator, AuditAction.USER_ENABLED, id)
                    .before(Map.of("enabled", false))
                    .after(Map.of("enabled", true))
                    .details(Map.of("username", user.username()))
                    .build());
            return users.find(id.value()).orElseThrow();
        });
    }

    /**
     * Lifts the sign-in throttle of the user's username on every server: its failed sign-ins are forgotten. The
     * throttle of the addresses they came from is not the user's and stays.
     *
     * @return how many failures were forgotten (audited even when none, as the administrator did act)
     */
    public int unlock(Actor administrator, UserId id) {
        administrator.requireRole(Role.ADMIN);
        return jdbi.inTransaction(handle -> {
            User user = handle.attach(UserDao.class).findForUpdate(id.value())
                    .orElseThrow(() -> new NotFoundException("user", id.toString()));
            int forgotten = throttle.unlock(handle, user.username());
            auditLog.append(handle, AuditEvent.of(administrator, AuditAction.USER_UNLOCKED, id)
                    .details(Map.of("username", user.username(), "failuresForgotten", forgotten))
                    .build());
            return forgotten;
        });
    }

    /** What the audit trail records of a user: never its password or its hash. */
    static Map<String, Object> state(User user) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("username", user.username());
        state.put("displayName", user.displayName());
        state.put("role", user.role().name());
        state.put("organisationId", user.organisationId() == null ? null : user.organisationId().toString());
        state.put("enabled", user.enabled());
        return state;
    }
}
