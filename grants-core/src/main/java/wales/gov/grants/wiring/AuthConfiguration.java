package wales.gov.grants.wiring;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Sign-in settings: how costly a password hash is, how long tokens live, how failures are throttled, which proxies
 * are believed about the client's address.
 */
public class AuthConfiguration {
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
    /**
     * Reverse proxies whose {@code X-Forwarded-For} names the client (addresses, CIDR blocks or ranges); from any
     * other peer the header is ignored, so a client cannot choose the address the throttle counts. Read by the
     * server only.
     */
    @NotNull
    private List<@NotNull String> trustedProxies = List.of();

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

    @JsonProperty
    public List<String> getTrustedProxies() {
        return trustedProxies;
    }

    @JsonProperty
    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }
}
