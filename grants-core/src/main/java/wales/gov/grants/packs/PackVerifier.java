package wales.gov.grants.packs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.text.PDFTextStripper;
import wales.gov.grants.audit.AuditPublicKey;
import wales.gov.grants.kernel.Digests;

import static java.util.Objects.requireNonNull;

/**
 * Checks an audit pack offline, with nothing but the file and the public key: the attached pack-data.json is the one
 * whose SHA-256 the cover prints; every event's hash is the SHA-256 of its canonical content, which names its chain,
 * position and previous hash; the events link up in order from position 1; and the signed checkpoint the pack cites
 * signed that chain's length and last hash, with a signature the key verifies (docs/audit-trail.md).
 */
public final class PackVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PROBLEMS = 50;

    private final AuditPublicKey publicKey;

    public PackVerifier(AuditPublicKey publicKey) {
        this.publicKey = requireNonNull(publicKey, "publicKey is null");
    }

    /** What the check found: the counts checked and every problem (none means the pack is intact). */
    public record Result(String dataSha256, long chains, long events, List<Long> checkpoints, List<String> problems) {
        public Result {
            checkpoints = List.copyOf(checkpoints);
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public Result verify(Path pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBufferedFile(pdf.toFile()))) {
            List<String> problems = new ArrayList<>();
            PDEmbeddedFile data = packData(document);
            if (data == null) {
                return new Result(null, 0, 0, List.of(), List.of("the PDF has no attached pack-data.json"));
            }
            byte[] json;
            try (InputStream in = data.createInputStream()) {
                json = in.readAllBytes();
            }
            String digest = HexFormat.of().formatHex(Digests.sha256().digest(json));
            PDFTextStripper cover = new PDFTextStripper();
            cover.setStartPage(1);
            cover.setEndPage(Math.min(2, document.getNumberOfPages()));
            if (!cover.getText(document).replaceAll("\\s+", "").contains(digest)) {
                problems.add("the cover does not print the SHA-256 of the attached pack-data.json (" + digest + ")");
            }
            JsonNode root = JSON.readTree(json);
            if (!PackDataJson.FORMAT.equals(root.path("format").asText())) {
                problems.add("pack-data.json is not in the format " + PackDataJson.FORMAT);
                return new Result(digest, 0, 0, List.of(), problems);
            }
            List<JsonNode> awards = new ArrayList<>();
            if (root.path("kind").asText().equals("scheme")) {
                root.path("awards").forEach(awards::add);
            } else {
                awards.add(root);
            }
            long events = 0;
            List<Long> checkpoints = new ArrayList<>();
            for (JsonNode award : awards) {
                events += verifyChain(award, problems);
                JsonNode checkpoint = award.path("checkpoint");
                if (checkpoint.isObject()) {
                    checkpoints.add(checkpoint.path("sequence").asLong());
                }
            }
            return new Result(digest, awards.size(), events, checkpoints, problems.subList(0,
                    Math.min(problems.size(), MAX_PROBLEMS)));
        }
    }

    private static PDEmbeddedFile packData(PDDocument document) throws IOException {
        PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
        PDEmbeddedFilesNameTreeNode files = names == null ? null : names.getEmbeddedFiles();
        PDComplexFileSpecification file = files == null || files.getNames() == null ? null
                : files.getNames().get("pack-data.json");
        return file == null ? null : file.getEmbeddedFile();
    }

    /** @return the number of events checked */
    private long verifyChain(JsonNode award, List<String> problems) throws IOException {
        String chainId = award.path("award").path("id").asText();
        String previous = null;
        long position = 0;
        for (JsonNode event : award.path("events")) {
            position++;
            String canonical = event.path("canonical").asText();
            String hash = sha256(canonical);
            long id = event.path("id").asLong();
            if (!hash.equals(event.path("hash").asText())) {
                problems.add("event " + id + ": its hash is not the SHA-256 of its canonical content");
            }
            JsonNode content = JSON.readTree(canonical);
            if (!chainId.equals(content.path("chain_id").asText())) {
                problems.add("event " + id + ": it belongs to chain " + content.path("chain_id").asText()
                        + ", not the award's " + chainId);
            }
            if (content.path("chain_position").asLong() != position) {
                problems.add("event " + id + ": at position " + content.path("chain_position").asLong()
                        + " where " + position + " was expected (an event is missing or out of order)");
            }
            String linked = content.path("previous_hash").isNull() ? null : content.path("previous_hash").asText();
            if (previous == null ? linked != null : !previous.equals(linked)) {
                problems.add("event " + id + ": its previous hash is not the hash of the event before it");
            }
            previous = hash;
        }
        JsonNode checkpoint = award.path("checkpoint");
        if (!checkpoint.isObject()) {
            problems.add("award " + chainId + ": no signed checkpoint is cited");
            return position;
        }
        String message = checkpoint.path("signedMessage").asText();
        if (!publicKey.keyId().equals(checkpoint.path("keyId").asText())) {
            problems.add("checkpoint " + checkpoint.path("sequence").asLong() + " was signed by key "
                    + checkpoint.path("keyId").asText() + ", not by the key given (" + publicKey.keyId() + ")");
        }
        if (!publicKey.verifies(message.getBytes(StandardCharsets.UTF_8), checkpoint.path("signature").asText())) {
            problems.add("checkpoint " + checkpoint.path("sequence").asLong()
                    + ": the signature does not verify with the key given");
        }
        JsonNode signed = null;
        for (JsonNode entry : JSON.readTree(message).path("chains")) {
            if (entry.path("chain_id").asText().equals(chainId)) {
                signed = entry;
            }
        }
        if (signed == null) {
            problems.add("checkpoint " + checkpoint.path("sequence").asLong() + " does not sign chain " + chainId);
        } else if (signed.path("length").asLong() != position || !signed.path("head_hash").asText().equals(previous)) {
            problems.add("chain " + chainId + ": the checkpoint signed " + signed.path("length").asLong()
                    + " events ending in " + signed.path("head_hash").asText() + ", the pack has " + position
                    + " ending in " + previous);
        }
        return position;
    }

    private static String sha256(String text) {
        MessageDigest digest = Digests.sha256();
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
