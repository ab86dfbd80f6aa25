package wales.gov.grants.evidence;

import static java.util.Objects.requireNonNull;

/**
 * A document whose row exists but whose bytes this server cannot read: the storage directory is not the one the
 * other servers write to (it must be shared by every server), or it is not mounted, or the file was removed by
 * hand. Not the client's fault, and not one to retry at once: the API answers 503 and logs an error id.
 */
public class EvidenceUnavailableException extends RuntimeException {
    private final String sha256;

    public EvidenceUnavailableException(String sha256, String message) {
        super(requireNonNull(message, "message is null"));
        this.sha256 = requireNonNull(sha256, "sha256 is null");
    }

    public String sha256() {
        return sha256;
    }
}
