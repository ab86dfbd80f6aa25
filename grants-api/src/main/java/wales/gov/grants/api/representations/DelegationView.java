package wales.gov.grants.api.representations;

import wales.gov.grants.delegations.Delegation;

/** A delegation of approval authority: from and to are dates, both days included. */
public record DelegationView(
        String id,
        String delegatorId,
        String delegator,
        String delegateId,
        String delegate,
        String from,
        String to,
        String reason,
        String createdAt,
        String revokedBy,
        String revokedAt) {
    public static DelegationView of(Delegation delegation) {
        return new DelegationView(delegation.id().toString(), delegation.delegatorId().toString(),
                delegation.delegatorUsername(), delegation.delegateId().toString(), delegation.delegateUsername(),
                delegation.from().toString(), delegation.to().toString(), delegation.reason(),
                delegation.createdAt().toString(), delegation.revokedByUsername(),
                delegation.revokedAt() == null ? null : delegation.revokedAt().toString());
    }
}
