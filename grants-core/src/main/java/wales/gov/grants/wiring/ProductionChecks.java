package wales.gov.grants.wiring;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wales.gov.grants.users.UserDao;

/**
 * What a server or job in {@code PRODUCTION} mode refuses to start with, each failure one line that says what to
 * change: a bcrypt cost below {@value #MIN_BCRYPT_COST} (cheap enough to guess stolen hashes quickly), demo users in
 * the database (their password is published in the README). The audit signing key is checked as it is loaded:
 * production never creates one. {@code TEST} mode skips these checks and says so.
 */
public final class ProductionChecks {
    public static final int MIN_BCRYPT_COST = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ProductionChecks.class);

    private ProductionChecks() {
    }

    /** The checks of the configuration alone, before the database is opened. */
    static void beforeStart(GrantsCoreConfiguration configuration) {
        switch (configuration.getMode()) {
            case PRODUCTION -> {
                int cost = configuration.getAuth().getBcryptCost();
                if (cost < MIN_BCRYPT_COST) {
                    throw new IllegalStateException("production mode refuses auth.bcryptCost " + cost
                            + ": it must be at least " + MIN_BCRYPT_COST + " (the default is 12)");
                }
            }
            case TEST -> LOG.warn("Mode TEST: the start-up checks of production mode are skipped; never use it "
                    + "for real users");
            case DEMO -> {
                // demo mode publishes its users' password and creates its own signing key: nothing to refuse
            }
        }
    }

    /** The checks of what the migrated database holds. */
    static void onDatabase(GrantsCoreConfiguration configuration, Jdbi jdbi) {
        if (configuration.getMode() != GrantsCoreConfiguration.Mode.PRODUCTION) {
            return;
        }
        long demoUsers = jdbi.withExtension(UserDao.class, UserDao::countDemo);
        if (demoUsers > 0) {
            throw new IllegalStateException("production mode refuses a database with demo users (" + demoUsers
                    + " found; their password is published): use a database that was never run in demo mode");
        }
    }
}
