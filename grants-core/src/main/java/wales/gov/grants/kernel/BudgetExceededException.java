package wales.gov.grants.kernel;

public class BudgetExceededException extends RuleViolationException {
    private final Money limit;
    private final Money wouldBe;

    public BudgetExceededException(String what, Money limit, Money wouldBe) {
        super("budget-exceeded", what + " would reach " + wouldBe + ", more than the " + limit + " available");
        this.limit = limit;
        this.wouldBe = wouldBe;
    }

    public Money limit() {
        return limit;
    }

    public Money wouldBe() {
        return wouldBe;
    }
}
