package wales.gov.grants.api.representations;

import wales.gov.grants.kernel.TokenId;
import wales.gov.grants.users.ApiToken;

/**
 * A bearer token without its secret (only its hash is stored). {@code lastUsedAt} is to the minute;
 * {@code current} marks the token the listing request was signed in with.
 */
public record ApiTokenView(String id, String userId, String createdAt, String expiresAt, String lastUsedAt,
                           String createdFrom, boolean current) {
    public static ApiTokenView of(ApiToken token, TokenId current) {
        return new ApiTokenView(token.id().toString(), token.userId().toString(), token.createdAt().toString(),
                token.expiresAt().toString(), token.lastUsedAt() == null ? null : token.lastUsedAt().toString(),
                token.createdFrom(), token.id().equals(current));
    }
}
