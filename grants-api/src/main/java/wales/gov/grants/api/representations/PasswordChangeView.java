package wales.gov.grants.api.representations;

/** The result of a password change: how many of the user's other tokens it signed out. */
public record PasswordChangeView(int tokensRevoked) {
}
