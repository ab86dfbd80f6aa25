package wales.gov.grants.api.web;

import java.util.Optional;

import wales.gov.grants.kernel.Actor;
import wales.gov.grants.users.User;
import wales.gov.grants.users.WebSession;

import static java.util.Objects.requireNonNull;

/**
 * What every page of one request knows: its language, the signed-in session if any, the CSRF token its forms
 * carry, and the path and query it was asked for (for the language links).
 */
public record PageContext(String language, Optional<WebSession> session, String csrfToken, String path,
                          String query, Messages messages) {
    public PageContext {
        requireNonNull(language, "language is null");
        requireNonNull(session, "session is null");
        requireNonNull(csrfToken, "csrfToken is null");
        requireNonNull(path, "path is null");
        requireNonNull(messages, "messages is null");
    }

    public User user() {
        return session.orElseThrow().user();
    }

    public Actor actor() {
        return user().asActor();
    }
}
