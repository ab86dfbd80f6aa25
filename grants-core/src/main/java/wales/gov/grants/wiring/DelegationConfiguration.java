package wales.gov.grants.wiring;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** How long a finance officer may lend their approval authority for, in days (both ends counted). */
public class DelegationConfiguration {
    @Min(1)
    @Max(366)
    private int maxDays = 30;

    @JsonProperty
    public int getMaxDays() {
        return maxDays;
    }

    @JsonProperty
    public void setMaxDays(int maxDays) {
        this.maxDays = maxDays;
    }
}
