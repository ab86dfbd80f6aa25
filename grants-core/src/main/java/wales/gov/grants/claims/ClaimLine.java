package wales.gov.grants.claims;

import java.util.List;

import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.RuleViolationException;

import static java.util.Objects.requireNonNull;

/** One line of expenditure on a claim, e.g. category "PDG Access", "School uniforms", £1,250.00. */
public record ClaimLine(String category, String description, Money amount) {
    public ClaimLine {
        requireNonNull(category, "category is null");
        requireNonNull(description, "description is null");
        requireNonNull(amount, "amount is null");
    }

    /**
     * A claim's amount is the sum of its lines.
     *
     * @throws RuleViolationException if the sum is beyond the largest amount of money
     */
    public static Money total(List<ClaimLine> lines) {
        Money total = Money.ZERO;
        for (ClaimLine line : lines) {
            if (line.amount().pence() > Money.MAX_PENCE - total.pence()) {
                throw new RuleViolationException("claim-too-large",
                        "the lines add up to more than " + Money.ofPence(Money.MAX_PENCE));
            }
            total = total.plus(line.amount());
        }
        return total;
    }
}
