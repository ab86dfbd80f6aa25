package wales.gov.grants.audit;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.junit.jupiter.api.Test;
import wales.gov.grants.database.Migrator;
import wales.gov.grants.testing.ScratchDatabase;
import wales.gov.grants.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainMigrationTest {
    private static final String CONTENT = """
            SELECT id, occurred_at, actor_user_id, actor_username, actor_role, actor_organisation_id, action,
                   object_type, object_id, scheme_id, award_id, before_state::text AS before_state,
                   after_state::text AS after_state, details::text AS details, client_address
            FROM audit_events ORDER BY id""";

    @Test
    void eventsFromBeforeTheReleaseAreChainedInIdOrderWithTheirContentUnchanged() throws Exception {
        try (ScratchDatabase database = ScratchDatabase.empty()) {
            try (Connection connection = database.dataSource().getConnection();
                 Liquibase liquibase = new Liquibase("db/migrations-before-audit-chain.xml",
                         new ClassLoaderResourceAccessor(), DatabaseFactory.getInstance()
                         .findCorrectDatabaseImplementation(new JdbcConnection(connection)))) {
                // Liquibase's console messages go to the log, as Migrator has them
                Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> liquibase.update());
            }
            UUID award = UUID.randomUUID();
            UUID otherAward = UUID.randomUUID();
            // interleaved chains, out-of-order times, nasty content: the id is the order
            database.jdbi().useHandle(handle -> {
                for (int index = 0; index < 12; index++) {
                    UUID awardId = index % 3 == 0 ? null : index % 3 == 1 ? award : otherAward;
                    handle.createUpdate("""
                                    INSERT INTO audit_events (occurred_at, actor_username, actor_role, action, object_type,
                                                              object_id, award_id, details)
                                    VALUES (now() - make_interval(secs => :index), 'manager', 'GRANT_MANAGER',
                                            'TEST_EVENT', 'test', :objectId, :awardId, CAST(:details AS jsonb))""")
                            .bind("index", 12 - index)
                            .bind("objectId", "event-" + index)
                            .bind("awardId", awardId)
                            .bind("details", "{\"n\": " + index + ", \"text\": \"Môn\\u0001 😀\", \"ratio\": 1.50}")
                            .execute();
                }
            });
            List<Map<String, Object>> before = database.jdbi().withHandle(handle ->
                    handle.createQuery(CONTENT).mapToMap().list());

            Migrator.migrate(database.dataSource());

            List<Map<String, Object>> after = database.jdbi().withHandle(handle ->
                    handle.createQuery(CONTENT).mapToMap().list());
            assertThat(after).isEqualTo(before);
            for (String chain : List.of(ChainedEvent.GLOBAL_CHAIN, award.toString(), otherAward.toString())) {
                List<Long> ids = database.jdbi().withHandle(handle -> handle.createQuery(
                                "SELECT id FROM audit_events WHERE chain_id = :chain ORDER BY chain_position")
                        .bind("chain", chain).mapTo(Long.class).list());
                assertThat(ids).hasSize(4).isSorted();
            }
            AuditSigningKey key = TestSigningKeys.key();
            new AuditCheckpoints(database.jdbi(), key, new TestClock()).writeIfDue();
            AuditVerification result = new AuditVerifier(database.jdbi(), key.publicKey()).verifyAll();
            assertThat(result.problems()).isEmpty();
            assertThat(result.eventsChecked()).isEqualTo(12);
            assertThat(result.chainsChecked()).isEqualTo(3);
            // and events after the release continue the chains
            database.jdbi().useHandle(handle -> handle.execute("""
                    INSERT INTO audit_events (occurred_at, action, object_type, award_id)
                    VALUES (now(), 'TEST_EVENT', 'test', ?)""", award));
            long position = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT chain_position FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)")
                    .mapTo(Long.class).one());
            assertThat(position).isEqualTo(5);
            assertThat(new AuditVerifier(database.jdbi(), key.publicKey()).verifyAll().valid()).isTrue();
        }
    }
}
