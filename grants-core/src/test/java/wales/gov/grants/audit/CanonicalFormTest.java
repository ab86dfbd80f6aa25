package wales.gov.grants.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The database's canonical form (the insert trigger) and the two Java ones agree, on content chosen to differ. */
class CanonicalFormTest {
    private final Fixtures fixtures = Fixtures.onTestDatabase();

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", "[]", "null", "true", "\"\"", "0", "-1", "1.50", "1e3", "-0.0", "12345678901234567890.1230",
            "{\"b\": 1, \"a\": 2, \"aa\": 3, \"A\": 4, \"\": 5, \"ab\": {}}",
            "{\"\\ue000\": 1, \"\\ud83d\\ude00\": 2, \"\\uffff\": 3, \"z\": 4, \"é\": 5, \"ŵ\": 6}",
            "{\"text\": \"Llanfair­pwll ŵ ŷ â ê î ô û – “quoted” 😀 \\u2028 \\u007f /\"}",
            "{\"controls\": \"\\u0001\\b\\f\\n\\r\\t\\u001f \\\" \\\\ end\"}",
            "{\"nested\": [1, [2, [3, {}]], {\"y\": null, \"x\": [true, false, null]}], \"money\": \"2300000.00\"}"})
    void theDatabaseAndBothJavaImplementationsAgree(String json) {
        String[] fromDatabase = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT audit_canonical_json(CAST(:json AS jsonb)) AS canonical, CAST(:json AS jsonb)::text AS stored")
                .bind("json", json)
                .map((row, context) -> new String[] {row.getString("canonical"), row.getString("stored")})
                .one());
        assertThat(CanonicalJson.canonicalize(fromDatabase[1])).isEqualTo(fromDatabase[0]);
        assertThat(DocumentedCanonicalForm.canonicalize(fromDatabase[1])).isEqualTo(fromDatabase[0]);
    }

    @Test
    void keysAreInCodePointOrderAndOnlyJsonsOwnEscapesAreUsed() {
        assertThat(CanonicalJson.canonicalize("{\"\\uffff\":1,\"\\ud83d\\ude00\":2,\"b\":3,\"a\":{\"d\":[],\"c\":4}}"))
                .isEqualTo("{\"a\":{\"c\":4,\"d\":[]},\"b\":3,\"\uffff\":1,\"😀\":2}");
        assertThat(CanonicalJson.canonicalize("\"ŵ\\u0001\\u001f\\n\\u007f\"")).isEqualTo("\"ŵ\\u0001\\u001f\\n\u007f\"");
    }

    @Test
    void everyHashTheDatabaseComputesIsRecomputedByBothJavaImplementations() throws Exception {
        Actor manager = fixtures.actor(Role.GRANT_MANAGER);
        AwardId award = AwardId.random();
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("status", "OFFERED");
        before.put("amount", "2300000.00");
        before.put("note", null);
        Map<String, Object> after = Map.of("status", "ACTIVE", "names", List.of("Caerdydd", "Abertawe", "Ynys Môn"),
                "nested", Map.of("empty", Map.of(), "count", 3, "ratio", 0.25));
        AuditLog log = new AuditLog(Clock.fixed(Instant.parse("2019-04-01T09:00:00.000001Z"), ZoneOffset.UTC));
        fixtures.jdbi().useTransaction(handle -> {
            log.append(handle, AuditEvent.of(manager, AuditAction.EVIDENCE_DOWNLOADED, "one").award(award)
                    .before(before).after(after).clientAddress("192.0.2.1").build());
            log.append(handle, AuditEvent.of(null, AuditAction.EVIDENCE_DOWNLOADED, null).award(award)
                    .details(Map.of("text", "tab\there \"quoted\" \u0007 😀 ŵ")).build());
        });
        try (Handle autocommitting = fixtures.jdbi().open()) {
            new AuditLog(new TestClock()).append(autocommitting, AuditEvent.of(manager, AuditAction.EVIDENCE_DOWNLOADED,
                    "autocommitted").award(award).build());
        }

        List<ChainedEvent> chain = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT * FROM audit_events WHERE chain_id = :chain ORDER BY chain_position")
                .bind("chain", award.toString()).map(new ChainedEvent.Mapper()).list());
        assertThat(chain).hasSize(3);
        String previous = null;
        for (ChainedEvent event : chain) {
            String databaseContent = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT audit_event_canonical(event) FROM audit_events event WHERE id = :id")
                    .bind("id", event.id()).mapTo(String.class).one());
            assertThat(event.canonicalContent()).isEqualTo(databaseContent);
            assertThat(event.computedHash()).isEqualTo(event.hash());
            assertThat(event.previousHash()).isEqualTo(previous);
            previous = event.hash();
        }
        assertThat(chain.get(0).canonicalContent()).contains("\"occurred_at\":\"2019-04-01T09:00:00.000001Z\"")
                .contains("\"before_state\":{\"amount\":\"2300000.00\",\"note\":null,\"status\":\"OFFERED\"}");

        try (Handle handle = fixtures.jdbi().open();
             PreparedStatement statement = handle.getConnection().prepareStatement(
                     "SELECT * FROM audit_events WHERE chain_id = ? ORDER BY chain_position")) {
            statement.setString(1, award.toString());
            try (ResultSet rows = statement.executeQuery()) {
                String previousHash = null;
                while (rows.next()) {
                    assertThat(rows.getString("previous_hash")).isEqualTo(previousHash);
                    assertThat(DocumentedCanonicalForm.sha256(DocumentedCanonicalForm.eventContent(rows)))
                            .isEqualTo(rows.getString("hash"));
                    previousHash = rows.getString("hash");
                }
            }
        }
    }
}
