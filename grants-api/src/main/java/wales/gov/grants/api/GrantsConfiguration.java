package wales.gov.grants.api;

import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

public class GrantsConfiguration extends Configuration {
    /** {@code demo} loads the demo data and lets the demo users sign in; {@code production} refuses them. */
    public enum Mode { DEMO, PRODUCTION }

    @NotNull
    private Mode mode = Mode.PRODUCTION;

    /** The database URL that starts an embedded PostgreSQL with its data in {@link #embeddedDataDirectory}. */
    public static final String EMBEDDED = "embedded";

    /** With the URL {@value #EMBEDDED}, an embedded PostgreSQL is started instead of connecting to a server. */
    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    @NotNull
    private Path embeddedDataDirectory = Path.of("data", "postgres");

    @Valid
    @NotNull
    private AuthConfiguration auth = new AuthConfiguration();

    @NotNull
    private DataSize maxJsonBody = DataSize.mebibytes(2);

    @Valid
    @NotNull
    private EvidenceConfiguration evidence = new EvidenceConfiguration();

    @Valid
    @NotNull
    private AuditConfiguration audit = new AuditConfiguration();

    @JsonProperty
    public Mode getMode() {
        return mode;
    }

    @JsonProperty
    public void setMode(Mode mode) {
        this.mode = mode;
    }

    @JsonProperty("database")
    public DataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty("database")
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    @JsonProperty
    public Path getEmbeddedDataDirectory() {
        return embeddedDataDirectory;
    }

    @JsonProperty
    public void setEmbeddedDataDirectory(Path embeddedDataDirectory) {
        this.embeddedDataDirectory = embeddedDataDirectory;
    }

    @JsonProperty
    public AuthConfiguration getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(AuthConfiguration auth) {
        this.auth = auth;
    }

    @JsonProperty
    public DataSize getMaxJsonBody() {
        return maxJsonBody;
    }

    @JsonProperty
    public void setMaxJsonBody(DataSize maxJsonBody) {
        this.maxJsonBody = maxJsonBody;
    }

    @JsonProperty
    public EvidenceConfiguration getEvidence() {
        return evidence;
    }

    @JsonProperty
    public void setEvidence(EvidenceConfiguration evidence) {
        this.evidence = evidence;
    }

    @JsonProperty
    public AuditConfiguration getAudit() {
        return audit;
    }

    @JsonProperty
    public void setAudit(AuditConfiguration audit) {
        this.audit = audit;
    }

    /**
     * The Ed25519 key that signs checkpoints of the audit chains (a PKCS#8 PEM file, kept outside the database: demo
     * mode creates it if missing, production refuses to start without it) and how often checkpoints are due.
     */
    public static class AuditConfiguration {
        @NotNull
        private Path signingKeyFile = Path.of("data", "audit-signing-key.pem");
        @NotNull
        private Duration checkpointInterval = Duration.seconds(30);

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
    }

    /** Where uploaded evidence is stored (content-addressed, see EvidenceStorage) and how big one file may be. */
    public static class EvidenceConfiguration {
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

    public static class AuthConfiguration {
        @Min(4)
        @Max(16)
        private int bcryptCost = 12;
        @NotNull
        private Duration tokenLifetime = Duration.hours(8);
        @NotNull
        private Duration verifiedPasswordCache = Duration.minutes(1);
        @NotNull
        private Duration throttleWindow = Duration.minutes(15);
        @Min(1)
        private int maxFailuresPerUsername = 5;
        @Min(1)
        private int maxFailuresPerAddress = 50;

        @JsonProperty
        public int getBcryptCost() {
            return bcryptCost;
        }

        @JsonProperty
        public void setBcryptCost(int bcryptCost) {
            this.bcryptCost = bcryptCost;
        }

        @JsonProperty
        public Duration getTokenLifetime() {
            return tokenLifetime;
        }

        @JsonProperty
        public void setTokenLifetime(Duration tokenLifetime) {
            this.tokenLifetime = tokenLifetime;
        }

        @JsonProperty
        public Duration getVerifiedPasswordCache() {
            return verifiedPasswordCache;
        }

        @JsonProperty
        public void setVerifiedPasswordCache(Duration verifiedPasswordCache) {
            this.verifiedPasswordCache = verifiedPasswordCache;
        }

        @JsonProperty
        public Duration getThrottleWindow() {
            return throttleWindow;
        }

        @JsonProperty
        public void setThrottleWindow(Duration throttleWindow) {
            this.throttleWindow = throttleWindow;
        }

        @JsonProperty
        public int getMaxFailuresPerUsername() {
            return maxFailuresPerUsername;
        }

        @JsonProperty
        public void setMaxFailuresPerUsername(int maxFailuresPerUsername) {
            this.maxFailuresPerUsername = maxFailuresPerUsername;
        }

        @JsonProperty
        public int getMaxFailuresPerAddress() {
            return maxFailuresPerAddress;
        }

        @JsonProperty
        public void setMaxFailuresPerAddress(int maxFailuresPerAddress) {
            this.maxFailuresPerAddress = maxFailuresPerAddress;
        }
    }
}
