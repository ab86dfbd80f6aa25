package wales.gov.grants.awards;

import java.util.List;

import wales.gov.grants.kernel.ValidationException;

/** A bulk allocation refused whole: every entry that breaks a rule, with the field of it and why. */
public final class AwardsRefusedException extends ValidationException {
    private final List<AwardService.EntryProblem> problems;

    public AwardsRefusedException(List<AwardService.EntryProblem> problems) {
        super(problems.stream()
                .map(problem -> new FieldError("awards[" + problem.entry() + "]." + problem.field(), problem.message()))
                .toList());
        this.problems = List.copyOf(problems);
    }

    public List<AwardService.EntryProblem> problems() {
        return problems;
    }
}
