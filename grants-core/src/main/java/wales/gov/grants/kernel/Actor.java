package wales.gov.grants.kernel;

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

    /** Recipients see their own organisation's records only; every other role sees all. */
    public boolean canSee(OrganisationId owner) {
        return role != Role.RECIPIENT || organisationId.equals(owner);
    }

    /**
     * How a list asked for by this actor is limited: a recipient's lists always stop at its own organisation (and
     * are empty when it asks for another's); every other role gets what it asked for ({@code null}: all).
     */
    public ListScope scope(OrganisationId requested) {
        if (role != Role.RECIPIENT) {
            return new ListScope(requested, false);
        }
        return new ListScope(organisationId, requested != null && !requested.equals(organisationId));
    }

    /** The organisation a list is limited to ({@code null}: none), or that it must be empty. */
    public record ListScope(OrganisationId organisation, boolean empty) {
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
