package wales.gov.grants.wiring;

import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/**
 * The audit trail's settings: the Ed25519 key that signs checkpoints of the audit chains (a PKCS#8 PEM file, kept
 * outside the database: demo mode creates it if missing, production refuses to start without it), how often
 * checkpoints are due, and how audit packs are made.
 */
public class AuditConfiguration {
    @NotNull
    private Path signingKeyFile = Path.of("data", "audit-signing-key.pem");
    @NotNull
    private Duration checkpointInterval = Duration.seconds(30);
    /** Evidence files up to this size are attached to a pack; larger ones are listed, and the pack says so. */
    @NotNull
    private DataSize packAttachmentLimit = DataSize.megabytes(20);
    /** Where packs are written before they are sent (a pack is sent whole or not at all). */
    @NotNull
    private Path packWorkDirectory = Path.of(System.getProperty("java.io.tmpdir"), "grants-packs");

    @JsonProperty
    public Path getSigningKeyFile() {
        return signingKeyFile;
    }

    @JsonProperty
    public void setSigningKeyFile(Path signingKeyFile) {
        this.signingKeyFile = signingKeyFile;
    }

    @JsonProperty
    public Duration getCheckpointInterval() {
        return checkpointInterval;
    }

    @JsonProperty
    public void setCheckpointInterval(Duration checkpointInterval) {
        this.checkpointInterval = checkpointInterval;
    }

    @JsonProperty
    public DataSize getPackAttachmentLimit() {
        return packAttachmentLimit;
    }

    @JsonProperty
    public void setPackAttachmentLimit(DataSize packAttachmentLimit) {
        this.packAttachmentLimit = packAttachmentLimit;
    }

    @JsonProperty
    public Path getPackWorkDirectory() {
        return packWorkDirectory;
    }

    @JsonProperty
    public void setPackWorkDirectory(Path packWorkDirectory) {
        this.packWorkDirectory = packWorkDirectory;
    }
}
