package wales.gov.grants.wiring;

import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import jakarta.validation.constraints.NotNull;

/** Where uploaded evidence is stored (content-addressed, see EvidenceStorage) and how big one file may be. */
public class EvidenceConfiguration {
    @NotNull
    private Path storageDirectory = Path.of("data", "evidence");
    @NotNull
    private DataSize maxUploadSize = DataSize.megabytes(100);

    @JsonProperty
    public Path getStorageDirectory() {
        return storageDirectory;
    }

    @JsonProperty
    public void setStorageDirectory(Path storageDirectory) {
        this.storageDirectory = storageDirectory;
    }

    @JsonProperty
    public DataSize getMaxUploadSize() {
        return maxUploadSize;
    }

    @JsonProperty
    public void setMaxUploadSize(DataSize maxUploadSize) {
        this.maxUploadSize = maxUploadSize;
    }
}
