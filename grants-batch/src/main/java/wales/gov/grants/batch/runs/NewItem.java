package wales.gov.grants.batch.runs;

import static java.util.Objects.requireNonNull;

/** An item a new run is made of: its key, unique in the run, and the file its task writes. */
public record NewItem(String itemKey, String outputFile) {
    public NewItem {
        requireNonNull(itemKey, "itemKey is null");
        requireNonNull(outputFile, "outputFile is null");
    }
}
