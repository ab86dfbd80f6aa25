package wales.gov.grants.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class AuditCheckpointsTest {
    private static final AuditSigningKey KEY = TestSigningKeys.key();

    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final AuditCheckpoints checkpoints = new AuditCheckpoints(fixtures.jdbi(), KEY, new TestClock());
    private final AuditLog auditLog = new AuditLog(new TestClock());

    @Test
    void aCheckpointSignsTheChainsThatGrewAndNothingIsWrittenWhenNoneDid() {
        AwardId award = AwardId.random();
        append(award);
        append(award);

        Checkpoint first = checkpoints.writeIfDue().orElseThrow();
        assertThat(first.entryFor(award.toString())).hasValueSatisfying(entry -> assertThat(entry.length()).isEqualTo(2));
        assertThat(KEY.publicKey().verifies(first.message(), first.signature())).isTrue();
        assertThat(checkpoints.find(first.sequence())).contains(first);
        assertThat(checkpoints.writeIfDue()).isEmpty();

        append(award);
        Checkpoint second = checkpoints.writeIfDue().orElseThrow();
        assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
        assertThat(second.previousDigest()).isEqualTo(first.digest());
        assertThat(second.chains()).extracting(CheckpointEntry::chainId).containsExactly(award.toString());
        assertThat(checkpoints.latest()).contains(second);
    }

    @Test
    void theCoveringCheckpointOfAChainAsItStandsIsWrittenOnceAndThenFoundAgain() {
        AwardId award = AwardId.random();
        append(award);
        Checkpoint covering = checkpoints.coveringCheckpoint(award.toString()).orElseThrow();
        assertThat(covering.entryFor(award.toString())).hasValueSatisfying(entry -> assertThat(entry.length()).isEqualTo(1));

        append(AwardId.random());
        checkpoints.writeIfDue();
        assertThat(checkpoints.coveringCheckpoint(award.toString())).contains(covering);

        append(award);
        Checkpoint next = checkpoints.coveringCheckpoint(award.toString()).orElseThrow();
        assertThat(next.sequence()).isGreaterThan(covering.sequence());
        assertThat(next.entryFor(award.toString())).hasValueSatisfying(entry -> assertThat(entry.length()).isEqualTo(2));
        assertThat(checkpoints.coveringCheckpoint(AwardId.random().toString())).isEmpty();
    }

    @Test
    void serversCheckpointingAtOnceWriteEachChainStateOnce() throws Exception {
        AwardId award = AwardId.random();
        append(award);
        ExecutorService servers = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Optional<Checkpoint>>> attempts = new ArrayList<>();
            for (int server = 0; server < 6; server++) {
                AuditCheckpoints own = new AuditCheckpoints(fixtures.jdbi(), KEY, new TestClock());
                attempts.add(server % 2 == 0 ? own::writeIfDue : () -> own.coveringCheckpoint(award.toString()));
            }
            List<Checkpoint> covering = new ArrayList<>();
            for (Future<Optional<Checkpoint>> attempt : servers.invokeAll(attempts)) {
                attempt.get().filter(checkpoint -> checkpoint.entryFor(award.toString()).isPresent())
                        .ifPresent(covering::add);
            }
            assertThat(covering).isNotEmpty();
            assertThat(covering).extracting(Checkpoint::sequence).containsOnly(covering.get(0).sequence());
        } finally {
            servers.shutdownNow();
        }
        long signedTimes = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM audit_checkpoint_chains WHERE chain_id = :chain")
                .bind("chain", award.toString()).mapTo(Long.class).one());
        assertThat(signedTimes).isEqualTo(1);
        assertThat(new AuditVerifier(fixtures.jdbi(), KEY.publicKey()).verifyChain(award.toString()).valid()).isTrue();
    }

    private void append(AwardId award) {
        fixtures.jdbi().useTransaction(handle -> auditLog.append(handle,
                AuditEvent.of(null, AuditAction.EVIDENCE_DOWNLOADED, null).award(award).details(Map.of("n", 1)).build()));
    }
}
