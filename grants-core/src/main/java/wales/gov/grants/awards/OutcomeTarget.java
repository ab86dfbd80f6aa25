package wales.gov.grants.awards;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/** What an award is meant to achieve, e.g. measure {@code care-leavers-supported}, target 2000. */
public record OutcomeTarget(String measure, String description, BigDecimal target) {
    public OutcomeTarget {
        requireNonNull(measure, "measure is null");
        requireNonNull(description, "description is null");
        requireNonNull(target, "target is null");
    }
}
