package wales.gov.grants.users;

/** An administrator's request for a user account, as received: every field is checked by {@link UserService}. */
public record NewUser(String username, String displayName, String role, String organisationId, String password) {
    /** The request without its password, as an idempotency fingerprint may hold it (see {@code UserResource}). */
    public NewUser withoutPassword() {
        return new NewUser(username, displayName, role, organisationId, null);
    }

    @Override
    public String toString() {
        return "NewUser[username=" + username + ", role=" + role + ", password withheld]";
    }
}
