package wales.gov.grants.kernel;

import static java.util.Objects.requireNonNull;

/** A well-formed request that breaks a business rule (budget, segregation of duties, ...). */
public class RuleViolationException extends DomainException {
    private final String rule;

    public RuleViolationException(String rule, String message) {
        super(message);
        this.rule = requireNonNull(rule, "rule is null");
    }

    /** A stable, kebab-case name for the rule, used in the problem type. */
    public String rule() {
        return rule;
    }
}
