package wales.gov.grants.audit;

import java.util.Map;

import org.junit.jupiter.api.Test;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditTrailTest {
    private final Fixtures fixtures = Fixtures.onTestDatabase();

    @Test
    void theDatabaseRefusesToUpdateDeleteOrTruncateAuditEvents() {
        Actor admin = fixtures.actor(Role.ADMIN);
        String marker = Fixtures.unique("marker-");
        fixtures.jdbi().useTransaction(handle -> fixtures.auditLog().append(handle,
                AuditEvent.of(admin, AuditAction.SCHEME_CREATED, marker).details(Map.of("note", "original")).build()));

        assertThatThrownBy(() -> fixtures.jdbi().useHandle(handle -> handle.execute(
                "UPDATE audit_events SET action = 'EDITED' WHERE object_id = ?", marker)))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> fixtures.jdbi().useHandle(handle -> handle.execute(
                "DELETE FROM audit_events WHERE object_id = ?", marker)))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> fixtures.jdbi().useHandle(handle -> handle.execute("TRUNCATE audit_events")))
                .hasMessageContaining("append-only");

        String stored = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT action || ' ' || (details ->> 'note') || ' ' || actor_role FROM audit_events WHERE object_id = :id")
                .bind("id", marker).mapTo(String.class).one());
        assertThat(stored).isEqualTo("SCHEME_CREATED original ADMIN");
    }
}
