package wales.gov.grants.api.representations;

import wales.gov.grants.users.User;

/** A user account as administrators see it; never its password or hash. */
public record UserView(String id, String username, String displayName, String role, String organisationId,
                       boolean enabled, String createdAt) {
    public static UserView of(User user) {
        return new UserView(user.id().toString(), user.username(), user.displayName(), user.role().name(),
                user.organisationId() == null ? null : user.organisationId().toString(), user.enabled(),
                user.createdAt().toString());
    }
}
