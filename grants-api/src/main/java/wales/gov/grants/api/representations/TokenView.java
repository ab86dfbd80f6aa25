package wales.gov.grants.api.representations;

public record TokenView(String token, String tokenType, String expiresAt) {
}
