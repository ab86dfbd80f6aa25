package wales.gov.grants.batch.runs;

import static java.util.Objects.requireNonNull;

/** An item of a run as its task finds it, locked: its key, the file it is to write and whether it is done. */
public record BatchItem(long runId, String itemKey, String status, String outputFile) {
    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    public BatchItem {
        requireNonNull(itemKey, "itemKey is null");
        requireNonNull(status, "status is null");
    }

    public boolean done() {
        return DONE.equals(status);
    }
}
