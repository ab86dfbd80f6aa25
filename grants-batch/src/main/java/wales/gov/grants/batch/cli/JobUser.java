package wales.gov.grants.batch.cli;

import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.users.User;
import wales.gov.grants.users.UserDao;
import wales.gov.grants.wiring.GrantsServices;

/**
 * The user a job acts as ({@code --as USERNAME}), so that what it changes is audited in that user's name, as if
 * they had done it through the API. The user must exist, be enabled and have the role the job's work needs; the
 * services then check every rule for that user as they would for a request.
 */
final class JobUser {
    private JobUser() {
    }

    /** @throws JobFailedException naming what is wrong with the user */
    static Actor resolve(GrantsServices services, String username, Role role, String job) {
        User user = services.jdbi().withExtension(UserDao.class, users -> users.findByUsername(username))
                .orElseThrow(() -> new JobFailedException("--as " + username + ": there is no such user"));
        if (!user.enabled()) {
            throw new JobFailedException("--as " + username + ": the user is disabled");
        }
        if (user.role() != role) {
            throw new JobFailedException("--as " + username + ": the user is a " + user.role() + "; " + job
                    + " is done by a " + role);
        }
        return user.asActor();
    }
}
