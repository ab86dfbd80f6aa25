package wales.gov.grants.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AuditSigningKeyTest {
    @TempDir
    Path directory;

    @Test
    void aMissingKeyIsCreatedReadableByItsOwnerOnlyAndReadBackTheSame() throws IOException {
        Path file = directory.resolve("keys").resolve("audit-signing-key.pem");
        AuditSigningKey created = AuditSigningKey.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        AuditSigningKey loaded = AuditSigningKey.load(file);
        assertThat(loaded.publicKey().keyId()).isEqualTo(created.publicKey().keyId()).hasSize(16);
        assertThat(loaded.toString()).doesNotContain(Files.readString(file).substring(28, 60));

        byte[] message = "message".getBytes(StandardCharsets.UTF_8);
        assertThat(AuditPublicKey.fromPem(created.publicKey().pem()).verifies(message, loaded.sign(message))).isTrue();
        assertThat(created.publicKey().verifies("other".getBytes(StandardCharsets.UTF_8), loaded.sign(message)))
                .isFalse();
    }

    @Test
    void aMissingKeyIsRefusedWithHowToCreateOne() {
        Path file = directory.resolve("absent.pem");
        assertThatThrownBy(() -> AuditSigningKey.load(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("openssl genpkey -algorithm ed25519");
        assertThat(file).doesNotExist();
    }

    /** docs/audit-trail.md: a key made by openssl works, and openssl verifies a checkpoint with the PEM public key. */
    @Test
    void opensslMakesKeysWeCanUseAndVerifiesOurCheckpoints() throws Exception {
        assumeTrue(run(List.of("openssl", "version")) == 0, "openssl is not installed");
        Path keyFile = directory.resolve("openssl-key.pem");
        assertThat(run(List.of("openssl", "genpkey", "-algorithm", "ed25519", "-out", keyFile.toString()))).isZero();
        AuditSigningKey key = AuditSigningKey.load(keyFile);
        Path opensslPublic = directory.resolve("openssl-public.pem");
        assertThat(run(List.of("openssl", "pkey", "-in", keyFile.toString(), "-pubout", "-out",
                opensslPublic.toString()))).isZero();
        assertThat(Files.readString(opensslPublic)).isEqualTo(key.publicKey().pem());

        Checkpoint checkpoint = signed(key);
        Path message = Files.write(directory.resolve("message.json"), checkpoint.message());
        Path signature = Files.write(directory.resolve("signature.bin"),
                Base64.getDecoder().decode(checkpoint.signature()));
        Path publicKey = Files.writeString(directory.resolve("public.pem"), key.publicKey().pem());
        assertThat(run(List.of("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", publicKey.toString(), "-rawin",
                "-in", message.toString(), "-sigfile", signature.toString()))).isZero();
        Files.write(message, (new String(checkpoint.message(), StandardCharsets.UTF_8) + " ")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(run(List.of("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", publicKey.toString(), "-rawin",
                "-in", message.toString(), "-sigfile", signature.toString()))).isNotZero();
    }

    @Test
    void theCheckpointMessageIsTheDocumentedCanonicalJson() {
        Checkpoint checkpoint = signed(TestSigningKeys.key());
        assertThat(new String(checkpoint.message(), StandardCharsets.UTF_8)).isEqualTo("{\"chains\":["
                + "{\"chain_id\":\"0c2f7d5e-4d4b-4f43-9a53-1b1d1d1d1d1d\",\"head_event_id\":41,\"head_hash\":\""
                + "b".repeat(64) + "\",\"length\":3},"
                + "{\"chain_id\":\"global\",\"head_event_id\":42,\"head_hash\":\"" + "a".repeat(64)
                + "\",\"length\":7}],"
                + "\"created_at\":\"2019-04-01T09:00:00.000000Z\",\"format\":\"grants-audit-checkpoint/1\","
                + "\"key_id\":\"" + TestSigningKeys.key().publicKey().keyId() + "\",\"previous_digest\":\""
                + "c".repeat(64) + "\",\"sequence\":2}");
    }

    private static Checkpoint signed(AuditSigningKey key) {
        List<CheckpointEntry> chains = List.of(new CheckpointEntry("global", 7, "a".repeat(64), 42),
                new CheckpointEntry("0c2f7d5e-4d4b-4f43-9a53-1b1d1d1d1d1d", 3, "b".repeat(64), 41));
        Instant at = Instant.parse("2019-04-01T09:00:00Z");
        String keyId = key.publicKey().keyId();
        byte[] message = Checkpoint.message(2, at, keyId, "c".repeat(64), chains);
        return new Checkpoint(2, at, keyId, "c".repeat(64), key.sign(message), chains);
    }

    private static int run(List<String> command) throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException notInstalled) {
            return -1;
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
