package wales.gov.grants.domain;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Who is doing something: a signed-in user with one role, and for a recipient the organisation it acts for. */
public record Actor(UserId userId, String username, Role role, OrganisationId organisationId) {
    public Actor {
        requireNonNull(userId, "userId is null");
        requireNonNull(username, "username is null");
        requireNonNull(role, "role is null");
        if ((role == Role.RECIPIENT) != (organisationId != null)) {
            throw new IllegalArgumentException("a recipient, and only a recipient, acts for an organisation");
        }
    }

    public Optional<OrganisationId> organisation() {
        return Optional.ofNullable(organisationId);
    }

    public boolean is(Role expected) {
        return role == expected;
    }

    /** Recipients see their own organisation's records only; every other role sees all. */
    public boolean canSee(OrganisationId owner) {
        return role != Role.RECIPIENT || organisationId.equals(owner);
    }

    public void requireRole(Role... allowed) {
        for (Role candidate : allowed) {
            if (role == candidate) {
                return;
            }
        }
        throw new PermissionDeniedException("the " + role + " role may not do this");
    }
}
