package wales.gov.grants.users;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.TokenId;
import wales.gov.grants.kernel.UserId;

import static java.util.Objects.requireNonNull;

/**
 * A user's bearer tokens: listed (never the secret, which is not stored) and revoked. A user sees and revokes its
 * own; an administrator anyone's. Another user's token is "not found" for anyone else, as if it did not exist.
 * Revocation is read by every server on the next request, since every sign-in reads its token from the database.
 */
public final class TokenService {
    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final Clock clock;

    public TokenService(Jdbi jdbi, AuditLog auditLog, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The live tokens (neither revoked nor expired) of {@code owner}, newest first.
     *
     * @param owner whose tokens; null for the actor's own
     * @throws PermissionDeniedException if someone other than an administrator asks for another user's tokens
     */
    public Page<ApiToken> list(Actor actor, UserId owner, Page.Request page) {
        UserId whose = owner == null ? actor.userId() : owner;
        if (!whose.equals(actor.userId())) {
            actor.requireRole(Role.ADMIN);
        }
        Instant now = clock.instant();
        return jdbi.withExtension(TokenDao.class, tokens -> new Page<>(
                tokens.live(whose.value(), now, page.limit(), page.offset()), tokens.countLive(whose.value(), now),
                page.limit(), page.offset()));
    }

    /**
     * Revokes a token: it stops signing in on every server at once. Revoking a token that is already revoked or
     * expired changes nothing and records nothing.
     *
     * @throws NotFoundException if there is no such token, or it is another user's and the actor no administrator
     */
    public void revoke(Actor actor, TokenId id) {
        jdbi.useTransaction(handle -> {
            TokenDao tokens = handle.attach(TokenDao.class);
            ApiToken token = tokens.find(id.value())
                    .filter(found -> found.userId().equals(actor.userId()) || actor.role() == Role.ADMIN)
                    .orElseThrow(() -> new NotFoundException("token", id.toString()));
            if (tokens.revoke(id.value(), clock.instant()) == 1) {
                auditLog.append(handle, AuditEvent.of(actor, AuditAction.TOKEN_REVOKED, token.userId())
                        .details(Map.of("tokenId", id.toString()))
                        .build());
            }
        });
    }
}
