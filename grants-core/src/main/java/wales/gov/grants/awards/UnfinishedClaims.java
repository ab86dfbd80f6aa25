package wales.gov.grants.awards;

/**
 * The claims of an award that closing it would leave unfinished, since a closed award takes no decisions or
 * payments: {@code undecided} are SUBMITTED or QUERIED, {@code unpaid} are APPROVED and not fully paid.
 */
public record UnfinishedClaims(long undecided, long unpaid) {
    public UnfinishedClaims {
        if (undecided < 0 || unpaid < 0) {
            throw new IllegalArgumentException("claim counts are never negative");
        }
    }

    public long total() {
        return undecided + unpaid;
    }

    public boolean any() {
        return total() > 0;
    }

    /** {@code 2 undecided (SUBMITTED or QUERIED), 1 approved and not fully paid}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (undecided > 0) {
            text.append(undecided).append(" undecided (SUBMITTED or QUERIED)");
        }
        if (unpaid > 0) {
            text.append(text.isEmpty() ? "" : ", ").append(unpaid).append(" approved and not fully paid");
        }
        return text.isEmpty() ? "none" : text.toString();
    }
}
