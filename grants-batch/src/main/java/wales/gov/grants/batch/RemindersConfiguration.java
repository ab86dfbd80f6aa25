package wales.gov.grants.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import wales.gov.grants.reminders.ReminderRules;

/**
 * The {@code reminders:} section: how many days after a period something is due before the {@code reminders} job
 * reminds the organisation of it.
 */
public class RemindersConfiguration {
    @Min(0)
    @Max(366)
    private int claimDueDays = 30;

    @Min(0)
    @Max(366)
    private int outcomeReturnDueDays = 30;

    @Min(0)
    @Max(366)
    private int offerAcceptanceDays = 28;

    /** A quarter's claim is due this many days after the quarter ends. */
    @JsonProperty
    public int getClaimDueDays() {
        return claimDueDays;
    }

    @JsonProperty
    public void setClaimDueDays(int claimDueDays) {
        this.claimDueDays = claimDueDays;
    }

    /** The outcome return (an actual for every target) is due this many days after the financial year ends. */
    @JsonProperty
    public int getOutcomeReturnDueDays() {
        return outcomeReturnDueDays;
    }

    @JsonProperty
    public void setOutcomeReturnDueDays(int outcomeReturnDueDays) {
        this.outcomeReturnDueDays = outcomeReturnDueDays;
    }

    /** An offer is to be accepted within this many days of being made. */
    @JsonProperty
    public int getOfferAcceptanceDays() {
        return offerAcceptanceDays;
    }

    @JsonProperty
    public void setOfferAcceptanceDays(int offerAcceptanceDays) {
        this.offerAcceptanceDays = offerAcceptanceDays;
    }

    public ReminderRules rules() {
        return new ReminderRules(claimDueDays, outcomeReturnDueDays, offerAcceptanceDays);
    }
}
