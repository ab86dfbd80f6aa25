package wales.gov.grants.api.health;

import java.util.List;

import com.codahale.metrics.health.HealthCheck;
import wales.gov.grants.evidence.EvidenceService;

import static java.util.Objects.requireNonNull;

/**
 * {@code evidence-storage}: the evidence directory exists, this server can write, read and delete a file in it,
 * and the newest recorded files are in it (a directory that is not the one every server shares shows here first).
 */
public final class EvidenceStorageHealthCheck extends HealthCheck {
    private final EvidenceService evidence;
    private final int recentFiles;

    public EvidenceStorageHealthCheck(EvidenceService evidence, int recentFiles) {
        this.evidence = requireNonNull(evidence, "evidence is null");
        this.recentFiles = recentFiles;
    }

    @Override
    protected Result check() {
        List<String> problems = evidence.storageProblems(recentFiles);
        return problems.isEmpty() ? Result.healthy() : Result.unhealthy(String.join("; ", problems));
    }
}
