package wales.gov.grants.batch.cli;

import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.users.User;
import wales.gov.grants.users.UserDao;
import wales.gov.grants.wiring.GrantsServices;

/**
 * The user a job acts as ({@code --as USERNAME}): what it changes is audited as that user, so the user must exist,
 * be enabled and have the role the change needs, as if they had signed in and done it themselves.
 */
public final class ActingUser {
    private ActingUser() {
    }

    public static Actor resolve(GrantsServices services, String username, Role required, String doing) {
        User user = services.jdbi().withExtension(UserDao.class, users -> users.findByUsername(username))
                .orElseThrow(() -> new JobFailedException("--as " + username + ": there is no such user"));
        if (!user.enabled()) {
            throw new JobFailedException("--as " + username + ": the account is disabled");
        }
        if (user.role() != required) {
            throw new JobFailedException("--as " + username + ": " + doing + " needs a " + required + ", and "
                    + username + " is a " + user.role());
        }
        return user.asActor();
    }
}
