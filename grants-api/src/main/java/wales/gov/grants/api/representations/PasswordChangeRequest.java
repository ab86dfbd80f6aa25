package wales.gov.grants.api.representations;

/** {@code POST /users/me/password}: the current password, as a sign-in checks it, and the new one. */
public record PasswordChangeRequest(String currentPassword, String newPassword) {
    @Override
    public String toString() {
        return "PasswordChangeRequest[passwords withheld]";
    }
}
