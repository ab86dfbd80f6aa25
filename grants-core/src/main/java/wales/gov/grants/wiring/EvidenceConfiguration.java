package wales.gov.grants.wiring;

import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Where uploaded evidence is stored (content-addressed, see EvidenceStorage) and how big one file may be. */
public class EvidenceConfiguration {
    @NotNull
    private Path storageDirectory = Path.of("data", "evidence");
    @NotNull
    private DataSize maxUploadSize = DataSize.megabytes(100);
    /**
     * How many of the newest recorded files the {@code evidence-storage} health check looks for in the directory
     * (a server whose directory is not the shared one is unhealthy as soon as another server stores a file);
     * 0 checks only the directory.
     */
    @Min(0)
    @Max(1000)
    private int healthCheckRecentFiles = 20;

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

    @JsonProperty
    public int getHealthCheckRecentFiles() {
        return healthCheckRecentFiles;
    }

    @JsonProperty
    public void setHealthCheckRecentFiles(int healthCheckRecentFiles) {
        this.healthCheckRecentFiles = healthCheckRecentFiles;
    }
}
