package wales.gov.grants.db;

import java.util.Map;

import org.junit.jupiter.api.Test;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.domain.Actor;
import wales.gov.grants.domain.Role;
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
                AuditEvent.of(admin, "TEST_EVENT", "test", marker).details(Map.of("note", "original")).build()));

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
        assertThat(stored).isEqualTo("TEST_EVENT original ADMIN");
    }
}
