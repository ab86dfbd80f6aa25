package wales.gov.grants.users;

import java.time.Instant;

import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.UserId;

import static java.util.Objects.requireNonNull;

/** A user account. The password hash never leaves the persistence and authentication code. */
public record User(
        UserId id,
        String username,
        String displayName,
        Role role,
        OrganisationId organisationId,
        boolean demo,
        boolean enabled,
        Instant createdAt) {
    public User {
        requireNonNull(id, "id is null");
        requireNonNull(username, "username is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(role, "role is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public Actor asActor() {
        return new Actor(id, username, role, organisationId);
    }
}
