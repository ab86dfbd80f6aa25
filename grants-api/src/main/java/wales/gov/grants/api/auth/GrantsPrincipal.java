package wales.gov.grants.api.auth;

import java.security.Principal;

import wales.gov.grants.kernel.Actor;
import wales.gov.grants.users.User;

import static java.util.Objects.requireNonNull;

/** The signed-in user of a request, and how it signed in. */
public record GrantsPrincipal(User user, Scheme scheme) implements Principal {
    public enum Scheme { BASIC, BEARER }

    public GrantsPrincipal {
        requireNonNull(user, "user is null");
        requireNonNull(scheme, "scheme is null");
    }

    public Actor actor() {
        return user.asActor();
    }

    @Override
    public String getName() {
        return user.username();
    }
}
