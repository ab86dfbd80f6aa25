package wales.gov.grants.audit;

import java.nio.file.Path;

/** One signing key for the core tests, created under target/ on first use. */
final class TestSigningKeys {
    private static AuditSigningKey key;

    private TestSigningKeys() {
    }

    static synchronized AuditSigningKey key() {
        if (key == null) {
            key = AuditSigningKey.loadOrCreate(Path.of("target", "test-audit-signing-key.pem"));
        }
        return key;
    }
}
