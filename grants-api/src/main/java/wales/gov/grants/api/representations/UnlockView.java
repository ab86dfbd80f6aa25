package wales.gov.grants.api.representations;

/** The result of lifting a user's sign-in throttle: how many failed sign-ins were forgotten. */
public record UnlockView(String userId, int failuresForgotten) {
}
