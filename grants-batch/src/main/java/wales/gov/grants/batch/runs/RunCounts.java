package wales.gov.grants.batch.runs;

/** Where a run's items stand, read from the database: the totals of every process sharing the run. */
public record RunCounts(long items, long pending, long done, long failed, long pages) {
    public boolean complete() {
        return pending == 0 && failed == 0;
    }

    /** No item is waiting for a worker: each is done or has failed its last attempt. */
    public boolean settled() {
        return pending == 0;
    }
}
