package wales.gov.grants.batch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.audit.AuditSigningKey;
import wales.gov.grants.awards.Award;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.packs.PackLanguage;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** verify-audit against the test database, and verify-pack with nothing but a pack and a public key. */
class VerifyCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Fixtures fixtures = Fixtures.onTestDatabase(new TestClock());

    @TempDir
    Path directory;

    @Test
    void verifyAuditReportsAnIntactTrail() throws Exception {
        TestDatabase database = TestDatabase.get();
        Path config = Files.writeString(directory.resolve("batch.yml"), "database:\n  driverClass: org.postgresql.Driver\n"
                + "  url: " + database.url() + "\n  user: " + database.user() + "\n  password: \"" + database.password()
                + "\"\nevidence:\n  storageDirectory: " + directory.resolve("evidence") + "\naudit:\n  signingKeyFile: "
                + keyFile() + "\n");
        assertThat(run("verify-audit", config.toString())).as(err()).isEmpty();
        assertThat(out()).startsWith("Audit trail intact: ").contains(" events in ", " chains; ");
    }

    @Test
    void verifyPackChecksAPackOfflineAndRefusesAnotherKeyInOneLine() throws Exception {
        Path pack = pack();
        Path publicKey = Files.writeString(directory.resolve("public.pem"), Fixtures.signingKey().publicKey().pem());
        assertThat(run("verify-pack", pack.toString(), "--public-key", publicKey.toString())).as(err()).isEmpty();
        assertThat(out()).startsWith("Pack intact: data SHA-256 ").contains("signed by key "
                + Fixtures.signingKey().publicKey().keyId());

        out.reset();
        Path stranger = Files.writeString(directory.resolve("stranger.pem"),
                AuditSigningKey.loadOrCreate(directory.resolve("stranger-key.pem")).publicKey().pem());
        assertThat(run("verify-pack", pack.toString(), "--public-key", stranger.toString())).isPresent();
        assertThat(out()).contains("the signature does not verify with the key given");
        assertThat(err().strip()).startsWith("verify-pack failed: the pack does not verify").doesNotContain("\n");
    }

    @Test
    void verifyPackSaysWhatItCannotRead() {
        assertThat(run("verify-pack", directory.resolve("missing.pdf").toString(), "--public-key",
                directory.resolve("missing.pem").toString())).isPresent();
        assertThat(err().strip()).startsWith("verify-pack failed: ").contains("missing.pem").doesNotContain("\n");
    }

    private Path pack() throws Exception {
        Actor manager = fixtures.actor(Role.GRANT_MANAGER);
        Actor cardiff = fixtures.recipient(fixtures.cardiff());
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        Award award = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "500.00", cardiff);
        fixtures.approvedClaim(cardiff, fixtures.actor(Role.FINANCE_OFFICER), award, 0, "99.00");
        try (AuditPackService.Pack pack = fixtures.services(new EvidenceStorage(directory.resolve("evidence"), 1_000_000))
                .packs().awardPack(fixtures.actor(Role.AUDITOR), award.id(), PackLanguage.EN)) {
            return Files.copy(pack.file(), directory.resolve("pack.pdf"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path keyFile() {
        Fixtures.signingKey();
        return Path.of("target", "test-audit-signing-key.pem").toAbsolutePath();
    }

    private Optional<Throwable> run(String... arguments) {
        GrantsBatchApplication application = new GrantsBatchApplication(new PrintStream(out, true,
                StandardCharsets.UTF_8));
        Bootstrap<GrantsBatchConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        return new Cli(new JarLocation(GrantsBatchApplication.class), bootstrap, new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(arguments);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
