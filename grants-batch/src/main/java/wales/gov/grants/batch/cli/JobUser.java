package wales.gov.grants.batch.cli;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.users.User;
import wales.gov.grants.users.UserDao;
import wales.gov.grants.wiring.GrantsServices;

/**
 * The user a job acts as ({@code --as USERNAME}), so that what it changes is audited in that user's name, as if
 * they had done it through the API. The user must exist, be enabled and have a role the job's work needs; the
 * services then check every rule for that user as they would for a request.
 */
final class JobUser {
    private JobUser() {
    }

    /** @throws JobFailedException naming what is wrong with the user */
    static Actor resolve(GrantsServices services, String username, String job, Role... roles) {
        List<Role> allowed = Arrays.asList(roles);
        User user = services.jdbi().withExtension(UserDao.class, users -> users.findByUsername(username))
                .orElseThrow(() -> new JobFailedException("--as " + username + ": there is no such user"));
        if (!user.enabled()) {
            throw new JobFailedException("--as " + username + ": the user is disabled");
        }
        if (!allowed.contains(user.role())) {
            throw new JobFailedException("--as " + username + ": the user is " + article(user.role().name())
                    + user.role() + "; " + job + " is done by " + article(allowed.get(0).name()) + describe(allowed));
        }
        return user.asActor();
    }

    private static String article(String role) {
        return "AEIOU".indexOf(role.charAt(0)) >= 0 ? "an " : "a ";
    }

    /** {@code GRANT_MANAGER}, or {@code AUDITOR, FINANCE_OFFICER or GRANT_MANAGER}. */
    private static String describe(List<Role> roles) {
        if (roles.size() == 1) {
            return roles.get(0).name();
        }
        return roles.subList(0, roles.size() - 1).stream().map(Role::name).collect(Collectors.joining(", "))
                + " or " + roles.get(roles.size() - 1);
    }
}
