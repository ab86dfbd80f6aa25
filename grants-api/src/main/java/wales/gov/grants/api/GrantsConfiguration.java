package wales.gov.grants.api;

import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.DataSize;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import wales.gov.grants.api.web.WebConfiguration;
import wales.gov.grants.wiring.AuditConfiguration;
import wales.gov.grants.wiring.DelegationConfiguration;
import wales.gov.grants.wiring.AuthConfiguration;
import wales.gov.grants.wiring.EvidenceConfiguration;
import wales.gov.grants.wiring.GrantsCoreConfiguration;

/**
 * The server's configuration: the sections shared with the batch jobs, and the limits of the HTTP API. The jobs'
 * own sections are accepted and unused, so one file serves both (the jobs check them); any other unknown key is
 * still refused at start-up.
 */
@JsonIgnoreProperties({"reminders", "threeSixtyGiving"})
public class GrantsConfiguration extends Configuration implements GrantsCoreConfiguration {
    @NotNull
    private Mode mode = Mode.PRODUCTION;

    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    @NotNull
    private Path embeddedDataDirectory = Path.of("data", "postgres");

    @Valid
    @NotNull
    private AuthConfiguration auth = new AuthConfiguration();

    @Valid
    @NotNull
    private EvidenceConfiguration evidence = new EvidenceConfiguration();

    @Valid
    @NotNull
    private AuditConfiguration audit = new AuditConfiguration();

    @Valid
    @NotNull
    private DelegationConfiguration delegations = new DelegationConfiguration();

    @NotNull
    private DataSize maxJsonBody = DataSize.mebibytes(2);

    @Valid
    @NotNull
    private WebConfiguration web = new WebConfiguration();

    @JsonProperty
    public WebConfiguration getWeb() {
        return web;
    }

    @JsonProperty
    public void setWeb(WebConfiguration web) {
        this.web = web;
    }

    @Override
    @JsonProperty
    public Mode getMode() {
        return mode;
    }

    @JsonProperty
    public void setMode(Mode mode) {
        this.mode = mode;
    }

    @Override
    @JsonProperty
    public DataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    @Override
    @JsonProperty
    public Path getEmbeddedDataDirectory() {
        return embeddedDataDirectory;
    }

    @JsonProperty
    public void setEmbeddedDataDirectory(Path embeddedDataDirectory) {
        this.embeddedDataDirectory = embeddedDataDirectory;
    }

    @Override
    @JsonProperty
    public AuthConfiguration getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(AuthConfiguration auth) {
        this.auth = auth;
    }

    @Override
    @JsonProperty
    public AuditConfiguration getAudit() {
        return audit;
    }

    @JsonProperty
    public void setAudit(AuditConfiguration audit) {
        this.audit = audit;
    }

    @Override
    @JsonProperty
    public DelegationConfiguration getDelegations() {
        return delegations;
    }

    @JsonProperty
    public void setDelegations(DelegationConfiguration delegations) {
        this.delegations = delegations;
    }

    @Override
    @JsonProperty
    public EvidenceConfiguration getEvidence() {
        return evidence;
    }

    @JsonProperty
    public void setEvidence(EvidenceConfiguration evidence) {
        this.evidence = evidence;
    }

    @JsonProperty
    public DataSize getMaxJsonBody() {
        return maxJsonBody;
    }

    @JsonProperty
    public void setMaxJsonBody(DataSize maxJsonBody) {
        this.maxJsonBody = maxJsonBody;
    }
}
