package wales.gov.grants.api.auth;

import java.security.Principal;

import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.TokenId;
import wales.gov.grants.users.TokenSignIn;
import wales.gov.grants.users.User;

import static java.util.Objects.requireNonNull;

/**
 * The signed-in user of a request, and how it signed in: with a password, or with a bearer token (then
 * {@code token} names it, so that signing out or changing the password knows which token is this request's).
 */
public record GrantsPrincipal(User user, Scheme scheme, TokenId token) implements Principal {
    public enum Scheme { BASIC, BEARER }

    public GrantsPrincipal {
        requireNonNull(user, "user is null");
        requireNonNull(scheme, "scheme is null");
        if ((scheme == Scheme.BEARER) != (token != null)) {
            throw new IllegalArgumentException("a bearer sign-in, and only one, names its token");
        }
    }

    public static GrantsPrincipal basic(User user) {
        return new GrantsPrincipal(user, Scheme.BASIC, null);
    }

    public static GrantsPrincipal bearer(TokenSignIn signIn) {
        return new GrantsPrincipal(signIn.user(), Scheme.BEARER, signIn.token());
    }

    public Actor actor() {
        return user.asActor();
    }

    @Override
    public String getName() {
        return user.username();
    }
}
