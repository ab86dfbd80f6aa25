package wales.gov.grants.api.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/** The {@code web:} section: settings of the pages at {@code /}. */
public class WebConfiguration {
    /** A session ends after this long without a request. */
    @NotNull
    private Duration sessionIdleTimeout = Duration.minutes(30);

    @JsonProperty
    public Duration getSessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    @JsonProperty
    public void setSessionIdleTimeout(Duration sessionIdleTimeout) {
        this.sessionIdleTimeout = sessionIdleTimeout;
    }
}
