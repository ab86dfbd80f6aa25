package wales.gov.grants.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jdbi.v3.core.HandleConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.testing.ScratchDatabase;
import wales.gov.grants.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Breaks the trail as someone with full rights on the database could (a superuser, the append-only triggers
 * bypassed) and checks that verification detects each change and names the first broken event. Each test has a
 * database of its own: the shared one must keep verifying.
 */
class AuditTamperTest {
    private static final AuditSigningKey KEY = TestSigningKeys.key();
    private static ScratchDatabase template;

    private ScratchDatabase database;
    private AuditLog auditLog;
    private AuditCheckpoints checkpoints;
    private AuditVerifier verifier;
    private final UUID award = UUID.randomUUID();
    private final UUID otherAward = UUID.randomUUID();

    @BeforeAll
    static void migrateOnce() {
        template = ScratchDatabase.migrated();
    }

    @AfterAll
    static void dropTemplate() {
        template.close();
    }

    @BeforeEach
    void copyTemplate() {
        database = ScratchDatabase.copyOf(template);
        auditLog = new AuditLog(new TestClock());
        checkpoints = new AuditCheckpoints(database.jdbi(), KEY, new TestClock());
        verifier = new AuditVerifier(database.jdbi(), KEY.publicKey());
    }

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void anUntouchedTrailVerifiesEveryChainAndCheckpoint() {
        append(null, 3);
        append(award, 4);
        checkpoints.writeIfDue();
        append(otherAward, 2);
        checkpoints.writeIfDue();

        AuditVerification result = verifier.verifyAll();
        assertThat(result.problems()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.eventsChecked()).isEqualTo(9);
        assertThat(result.chainsChecked()).isEqualTo(3);
        assertThat(result.firstBrokenEventId()).isEmpty();
        assertThat(result.latestCheckpoint()).hasValueSatisfying(latest -> {
            assertThat(latest.sequence()).isEqualTo(2);
            assertThat(latest.keyId()).isEqualTo(KEY.publicKey().keyId());
        });
        assertThat(verifier.verifyChain(award.toString()).eventsChecked()).isEqualTo(4);
    }

    @Test
    void anEditedEventIsNamed() {
        List<Long> events = append(award, 5);
        append(otherAward, 2);
        checkpoints.writeIfDue();

        tamper(handle -> handle.execute("UPDATE audit_events SET details = '{\"n\": 99}' WHERE id = ?", events.get(2)));

        assertBrokenAt(verifier.verifyAll(), events.get(2), "does not match its hash");
        assertBrokenAt(verifier.verifyChain(award.toString()), events.get(2), "does not match its hash");
        assertThat(verifier.verifyChain(otherAward.toString()).valid()).isTrue();
    }

    @Test
    void anEventDeletedFromTheMiddleIsNamedByTheEventAfterTheGap() {
        List<Long> events = append(award, 5);
        checkpoints.writeIfDue();

        tamper(handle -> handle.execute("DELETE FROM audit_events WHERE id = ?", events.get(2)));

        assertBrokenAt(verifier.verifyAll(), events.get(3), "position 3 was expected");
    }

    @Test
    void aDeletedTailIsNamedByTheHeadThatRecordedIt() {
        List<Long> events = append(award, 5);

        tamper(handle -> handle.execute("DELETE FROM audit_events WHERE id IN (?, ?)", events.get(3), events.get(4)));

        assertBrokenAt(verifier.verifyAll(), events.get(4), "the tail is missing");
    }

    @Test
    void twoSwappedEventsAreNamed() {
        List<Long> events = append(award, 5);
        checkpoints.writeIfDue();

        tamper(handle -> {
            handle.execute("UPDATE audit_events SET chain_position = 1000000 WHERE id = ?", events.get(1));
            handle.execute("UPDATE audit_events SET chain_position = 2 WHERE id = ?", events.get(2));
            handle.execute("UPDATE audit_events SET chain_position = 3 WHERE id = ?", events.get(1));
        });

        assertBrokenAt(verifier.verifyAll(), events.get(2), "does not link to the event before it");
    }

    @Test
    void anEditWithEveryLaterHashAndTheHeadRecomputedIsCaughtOnlyByTheSignature() {
        List<Long> events = new ArrayList<>();
        for (int index = 0; index < 5; index++) {
            events.addAll(append(award, 1));
            checkpoints.writeIfDue();
        }

        // the attacker uses the database's own canonical form to recompute the chain from the edited event on
        tamper(handle -> {
            handle.execute("UPDATE audit_events SET details = '{\"n\": 99}' WHERE id = ?", events.get(2));
            for (int index = 2; index < events.size(); index++) {
                if (index > 2) {
                    handle.execute("UPDATE audit_events SET previous_hash = (SELECT hash FROM audit_events "
                            + "WHERE id = ?) WHERE id = ?", events.get(index - 1), events.get(index));
                }
                handle.execute("UPDATE audit_events event SET hash = encode(sha256(convert_to("
                        + "audit_event_canonical(event), 'UTF8')), 'hex') WHERE id = ?", events.get(index));
            }
            handle.execute("UPDATE audit_chain_heads SET head_hash = (SELECT hash FROM audit_events WHERE id = ?) "
                    + "WHERE chain_id = ?", events.get(4), award.toString());
        });

        AuditVerification result = verifier.verifyAll();
        assertBrokenAt(result, events.get(2), "checkpoint 3 signed this chain at length 3");
        assertThat(result.problems()).hasSize(1);
    }

    @Test
    void aChangedCheckpointFailsItsSignature() {
        append(award, 2);
        checkpoints.writeIfDue();
        append(award, 1);
        checkpoints.writeIfDue();

        tamper(handle -> handle.execute("UPDATE audit_checkpoints SET created_at = created_at - interval '1 day' "
                + "WHERE sequence = 1"));

        AuditVerification result = verifier.verifyAll();
        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).extracting(AuditProblem::description).anySatisfy(description ->
                assertThat(description).contains("checkpoint 1: the signature does not verify"));
    }

    @Test
    void aCheckpointDeletedFromTheMiddleIsDetected() {
        for (int index = 0; index < 3; index++) {
            append(award, 1);
            checkpoints.writeIfDue();
        }

        tamper(handle -> {
            handle.execute("DELETE FROM audit_checkpoint_chains WHERE checkpoint_sequence = 2");
            handle.execute("DELETE FROM audit_checkpoints WHERE sequence = 2");
        });

        assertThat(verifier.verifyAll().problems()).extracting(AuditProblem::description)
                .contains("checkpoint 3 follows checkpoint 1: the checkpoints between are missing");
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveCheckpoints() {
        append(award, 1);
        checkpoints.writeIfDue();
        for (String statement : List.of("UPDATE audit_checkpoints SET key_id = '0000000000000000'",
                "DELETE FROM audit_checkpoints", "TRUNCATE audit_checkpoints CASCADE",
                "UPDATE audit_checkpoint_chains SET length = 7", "DELETE FROM audit_checkpoint_chains",
                "TRUNCATE audit_checkpoint_chains")) {
            assertThatThrownBy(() -> database.jdbi().useHandle(handle -> handle.execute(statement)))
                    .as(statement).hasMessageContaining("is append-only");
        }
        assertThat(verifier.verifyAll().valid()).isTrue();
    }

    private void assertBrokenAt(AuditVerification result, long eventId, String because) {
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenEventId()).hasValue(eventId);
        assertThat(result.problems()).extracting(AuditProblem::description)
                .anySatisfy(description -> assertThat(description).contains(because));
    }

    /** Appends events to the award's chain (the global chain for null), returning their ids in chain order. */
    private List<Long> append(UUID awardId, int count) {
        List<Long> ids = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            int number = index;
            ids.add(database.jdbi().inTransaction(handle -> {
                AuditEvent.Builder event = AuditEvent.of(null, AuditAction.EVIDENCE_DOWNLOADED, "event-" + number)
                        .details(Map.of("n", number, "note", "ŵ ŷ – 😀"));
                if (awardId != null) {
                    event.award(new AwardId(awardId));
                }
                auditLog.append(handle, event.build());
                return handle.createQuery("SELECT max(id) FROM audit_events").mapTo(Long.class).one();
            }));
        }
        return ids;
    }

    /** Runs statements as a superuser with the append-only triggers off for this transaction only. */
    private void tamper(HandleConsumer<RuntimeException> statements) {
        database.jdbi().useTransaction(handle -> {
            handle.execute("SET LOCAL session_replication_role = replica");
            statements.useHandle(handle);
        });
    }
}
