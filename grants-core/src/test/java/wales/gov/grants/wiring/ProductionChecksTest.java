package wales.gov.grants.wiring;

import java.nio.file.Path;
import java.time.Clock;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import org.junit.jupiter.api.Test;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.ScratchDatabase;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.testing.TestDatabase;
import wales.gov.grants.users.UserDao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A production server or job refuses to start on a weak configuration, in one line that says what to change. */
class ProductionChecksTest {
    private final Clock clock = new TestClock();

    @Test
    void aBcryptCostBelowTenIsRefusedBeforeTheDatabaseIsOpened() {
        Settings settings = new Settings(GrantsCoreConfiguration.Mode.PRODUCTION, "jdbc:postgresql://127.0.0.1:1/none");
        settings.getAuth().setBcryptCost(9);
        assertThatThrownBy(() -> GrantsRuntime.start(settings, new MetricRegistry(), clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("production mode refuses auth.bcryptCost 9: it must be at least 10 (the default is 12)");
    }

    @Test
    void demoUsersInTheDatabaseAreRefusedAndTestModeAllowsThemWithACheapHash() {
        try (ScratchDatabase database = ScratchDatabase.migrated()) {
            database.jdbi().useExtension(UserDao.class, users -> users.insertIfAbsent("admin",
                    Fixtures.FAST_HASHER.hash("demo-password"), "Demo", "ADMIN", null, true));
            Settings production = new Settings(GrantsCoreConfiguration.Mode.PRODUCTION, database.url());
            production.getAuth().setBcryptCost(10);
            assertThatThrownBy(() -> GrantsRuntime.start(production, new MetricRegistry(), clock))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("production mode refuses a database with demo users (1 found;")
                    .satisfies(refused -> assertThat(refused.getMessage()).doesNotContain("\n"));

            Settings test = new Settings(GrantsCoreConfiguration.Mode.TEST, database.url());
            test.getAuth().setBcryptCost(4);
            GrantsRuntime.start(test, new MetricRegistry(), clock).close();
        }
    }

    @Test
    void aStrongProductionConfigurationStarts() {
        try (ScratchDatabase database = ScratchDatabase.migrated()) {
            Settings production = new Settings(GrantsCoreConfiguration.Mode.PRODUCTION, database.url());
            production.getAuth().setBcryptCost(10);
            try (GrantsRuntime runtime = GrantsRuntime.start(production, new MetricRegistry(), clock)) {
                assertThat(runtime.services().passwordHasher().hash("a long and unusual passphrase"))
                        .startsWith("$2b$10$");
            }
        }
    }

    /** The configuration sections core reads, as the server's and the jobs' files give them. */
    private static final class Settings implements GrantsCoreConfiguration {
        private final Mode mode;
        private final DataSourceFactory database = new DataSourceFactory();
        private final AuthConfiguration auth = new AuthConfiguration();
        private final AuditConfiguration audit = new AuditConfiguration();
        private final EvidenceConfiguration evidence = new EvidenceConfiguration();

        Settings(Mode mode, String url) {
            this.mode = mode;
            TestDatabase shared = TestDatabase.get();
            database.setDriverClass("org.postgresql.Driver");
            database.setUrl(url);
            database.setUser(shared.user());
            database.setPassword(shared.password());
            Fixtures.signingKey();
            audit.setSigningKeyFile(Path.of("target", "test-audit-signing-key.pem"));
            evidence.setStorageDirectory(Path.of("target", "production-checks-evidence"));
        }

        @Override
        public Mode getMode() {
            return mode;
        }

        @Override
        public DataSourceFactory getDatabase() {
            return database;
        }

        @Override
        public Path getEmbeddedDataDirectory() {
            return Path.of("target", "unused-embedded");
        }

        @Override
        public EvidenceConfiguration getEvidence() {
            return evidence;
        }

        @Override
        public AuthConfiguration getAuth() {
            return auth;
        }

        @Override
        public AuditConfiguration getAudit() {
            return audit;
        }
    }
}
