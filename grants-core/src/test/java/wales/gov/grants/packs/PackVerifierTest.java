package wales.gov.grants.packs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.audit.AuditPublicKey;
import wales.gov.grants.audit.AuditSigningKey;
import wales.gov.grants.audit.CanonicalJson;
import wales.gov.grants.awards.Award;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Digests;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.wiring.GrantsServices;

import static org.assertj.core.api.Assertions.assertThat;

class PackVerifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Fixtures fixtures = Fixtures.onTestDatabase(new TestClock());
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor cardiff = fixtures.recipient(fixtures.cardiff());

    @TempDir
    Path directory;

    private Path pack(PackLanguage language, boolean scheme) throws IOException {
        GrantsServices services = fixtures.services(new EvidenceStorage(directory.resolve("evidence"), 1_000_000));
        Scheme created = fixtures.scheme(manager, "1000.00", "500.00");
        Award award = fixtures.activeAward(manager, created, fixtures.cardiff(), "500.00", cardiff);
        fixtures.approvedClaim(cardiff, fixtures.actor(Role.FINANCE_OFFICER), award, 0, "120.00");
        Actor auditor = fixtures.actor(Role.AUDITOR);
        try (AuditPackService.Pack pack = scheme ? services.packs().schemePack(auditor, created.id(), language)
                : services.packs().awardPack(auditor, award.id(), language)) {
            return Files.copy(pack.file(), directory.resolve("pack-" + language.code() + ".pdf"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void anUntouchedPackVerifiesWithThePublicKeyAlone() throws IOException {
        PackVerifier.Result award = new PackVerifier(Fixtures.signingKey().publicKey()).verify(pack(PackLanguage.CY,
                false));
        assertThat(award.problems()).isEmpty();
        assertThat(award.valid()).isTrue();
        assertThat(award.events()).isGreaterThanOrEqualTo(6);
        assertThat(award.checkpoints()).hasSize(1);
        PackVerifier.Result scheme = new PackVerifier(Fixtures.signingKey().publicKey()).verify(pack(PackLanguage.EN,
                true));
        assertThat(scheme.problems()).isEmpty();
        assertThat(scheme.chains()).isEqualTo(1);
    }

    @Test
    void anotherKeyIsRefused() throws IOException {
        AuditPublicKey stranger = AuditSigningKey.loadOrCreate(directory.resolve("stranger.pem")).publicKey();
        PackVerifier.Result result = new PackVerifier(stranger).verify(pack(PackLanguage.EN, false));
        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).anyMatch(problem -> problem.contains("signature does not verify"))
                .anyMatch(problem -> problem.contains("not by the key given"));
    }

    @Test
    void editedDataIsCaughtByTheCoverDigestAndTheEventHashes() throws IOException {
        Path tampered = withPackData(pack(PackLanguage.EN, false),
                json -> json.replace("\\\"amount\\\":\\\"120.00\\\"", "\\\"amount\\\":\\\"12.00\\\""));
        PackVerifier.Result result = new PackVerifier(Fixtures.signingKey().publicKey()).verify(tampered);
        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).anyMatch(problem -> problem.startsWith("the cover does not print"))
                .anyMatch(problem -> problem.contains("its hash is not the SHA-256 of its canonical content"));
    }

    @Test
    void oneByteChangedInPackDataFailsVerification() throws IOException {
        Path tampered = withPackData(pack(PackLanguage.EN, false), json -> {
            int at = json.indexOf("\"hash\":\"") + "\"hash\":\"".length();
            char flipped = json.charAt(at) == '0' ? '1' : '0';
            return json.substring(0, at) + flipped + json.substring(at + 1);
        });
        PackVerifier.Result result = new PackVerifier(Fixtures.signingKey().publicKey()).verify(tampered);
        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).anyMatch(problem -> problem.startsWith("the cover does not print"))
                .anyMatch(problem -> problem.contains("its hash is not the SHA-256 of its canonical content"));
    }

    /**
     * The forger who removes an event and recomputes every hash after it leaves a chain that is consistent in
     * itself: only the signed checkpoint, which the forger cannot re-sign, shows it (and the cover's digest).
     */
    @Test
    void anEventRemovedAndTheChainRecomputedIsCaughtByTheSignedCheckpoint() throws IOException {
        Path tampered = withPackData(pack(PackLanguage.EN, false), json -> {
            ObjectNode root = (ObjectNode) JSON.readTree(json);
            ArrayNode events = (ArrayNode) root.get("events");
            assertThat(events.size()).isGreaterThanOrEqualTo(4);
            events.remove(2);
            String previous = events.get(1).get("hash").asText();
            for (int i = 2; i < events.size(); i++) {
                ObjectNode event = (ObjectNode) events.get(i);
                @SuppressWarnings("unchecked")
                Map<String, Object> content = (Map<String, Object>) CanonicalJson.parse(
                        event.get("canonical").asText());
                content.put("chain_position", new CanonicalJson.NumberText(String.valueOf(i + 1)));
                content.put("previous_hash", previous);
                String canonical = CanonicalJson.write(content);
                String hash = HexFormat.of().formatHex(
                        Digests.sha256().digest(canonical.getBytes(StandardCharsets.UTF_8)));
                event.put("canonical", canonical).put("hash", hash).put("previousHash", previous)
                        .put("chainPosition", i + 1);
                previous = hash;
            }
            return JSON.writeValueAsString(root);
        });
        PackVerifier.Result result = new PackVerifier(Fixtures.signingKey().publicKey()).verify(tampered);
        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).as("the chain itself was made consistent")
                .noneMatch(problem -> problem.startsWith("event "));
        assertThat(result.problems()).anyMatch(problem -> problem.contains("the checkpoint signed "))
                .anyMatch(problem -> problem.startsWith("the cover does not print"));
    }

    /** The pack with its attached pack-data.json replaced by {@code edit} of it. */
    private Path withPackData(Path original, JsonEdit edit) throws IOException {
        Path tampered = directory.resolve("tampered-" + System.nanoTime() + ".pdf");
        try (PDDocument document = Loader.loadPDF(original.toFile())) {
            PDComplexFileSpecification file = document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()
                    .get("pack-data.json");
            String json = new String(file.getEmbeddedFile().toByteArray(), StandardCharsets.UTF_8);
            String edited = edit.apply(json);
            assertThat(edited).isNotEqualTo(json);
            PDEmbeddedFile replacement = new PDEmbeddedFile(document,
                    new ByteArrayInputStream(edited.getBytes(StandardCharsets.UTF_8)));
            replacement.setSubtype("application/json");
            file.setEmbeddedFile(replacement);
            document.save(tampered.toFile());
        }
        return tampered;
    }

    private interface JsonEdit {
        String apply(String json) throws IOException;
    }

    @Test
    void aPdfWithoutPackDataIsNotAPack() throws IOException {
        Path plain = directory.resolve("plain.pdf");
        try (PDDocument document = new PDDocument()) {
            document.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            document.save(plain.toFile());
        }
        assertThat(new PackVerifier(Fixtures.signingKey().publicKey()).verify(plain).problems())
                .containsExactly("the PDF has no attached pack-data.json");
    }
}
