package wales.gov.grants.delegations;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import wales.gov.grants.kernel.UserId;

import static java.util.Objects.requireNonNull;

/**
 * A finance officer's approval authority lent to another finance officer for the days {@code from} to {@code to},
 * both included. It never widens what either may approve: segregation of duties applies to both people.
 */
public record Delegation(
        UUID id,
        UserId delegatorId,
        String delegatorUsername,
        UserId delegateId,
        String delegateUsername,
        LocalDate from,
        LocalDate to,
        String reason,
        Instant createdAt,
        String revokedByUsername,
        Instant revokedAt) {
    public Delegation {
        requireNonNull(id, "id is null");
        requireNonNull(delegatorId, "delegatorId is null");
        requireNonNull(delegatorUsername, "delegatorUsername is null");
        requireNonNull(delegateId, "delegateId is null");
        requireNonNull(delegateUsername, "delegateUsername is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** In force on {@code day}: not revoked, and the day within its period. */
    public boolean activeOn(LocalDate day) {
        return !revoked() && !day.isBefore(from) && !day.isAfter(to);
    }
}
