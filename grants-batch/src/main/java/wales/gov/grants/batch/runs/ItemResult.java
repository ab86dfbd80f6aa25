package wales.gov.grants.batch.runs;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * What a task made of its item: the file, its size and SHA-256, the digest of the data it was built from, its
 * pages, the signed checkpoint it cites (null if none), which worker made it, on which attempt, and when.
 */
public record ItemResult(String outputFile, long size, String sha256, String dataDigest, int pages,
                         Long checkpointSequence, String worker, int attempt, Instant finishedAt) {
    public ItemResult {
        requireNonNull(outputFile, "outputFile is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(worker, "worker is null");
        requireNonNull(finishedAt, "finishedAt is null");
    }
}
