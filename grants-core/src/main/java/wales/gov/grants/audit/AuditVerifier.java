package wales.gov.grants.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import wales.gov.grants.audit.AuditVerification.CheckpointSummary;

import static java.util.Objects.requireNonNull;

/**
 * Checks the audit trail with the Java implementation of docs/audit-trail.md, independently of the database's:
 * recomputes every event's hash from its stored columns, follows each chain by position, compares its end with the
 * recorded head, checks every checkpoint's signature and that each chain still holds, at every signed length, the
 * hash that was signed. Everything is read in one snapshot and streamed in chain order, never held in memory whole.
 */
public final class AuditVerifier {
    static final int MAX_PROBLEMS = 100;
    private static final int FETCH_SIZE = 1000;

    private final Jdbi jdbi;
    private final AuditPublicKey trustedKey;

    public AuditVerifier(Jdbi jdbi, AuditPublicKey trustedKey) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.trustedKey = requireNonNull(trustedKey, "trustedKey is null");
    }

    /** Every chain and every checkpoint. */
    public AuditVerification verifyAll() {
        return verify(null);
    }

    /** {@link #verifyAll()} for an auditor or an administrator, the roles that may ask for the whole trail's check. */
    public AuditVerification verifyAll(wales.gov.grants.kernel.Actor actor) {
        actor.requireRole(wales.gov.grants.kernel.Role.AUDITOR, wales.gov.grants.kernel.Role.ADMIN);
        return verifyAll();
    }

    /** One chain (an award's id, or {@link ChainedEvent#GLOBAL_CHAIN}) and the checkpoints that signed it. */
    public AuditVerification verifyChain(String chainId) {
        return verify(requireNonNull(chainId, "chainId is null"));
    }

    private AuditVerification verify(String onlyChain) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            Findings findings = new Findings();
            Set<Long> untrusted = new HashSet<>();
            Optional<CheckpointSummary> latest = checkCheckpoints(handle, onlyChain, findings, untrusted);
            checkChains(handle, onlyChain, findings, untrusted);
            return findings.result(latest);
        });
    }

    private Optional<CheckpointSummary> checkCheckpoints(Handle handle, String onlyChain, Findings findings,
                                                         Set<Long> untrusted) {
        Query query = handle.createQuery("""
                SELECT checkpoint.sequence, checkpoint.created_at, checkpoint.key_id, checkpoint.previous_digest,
                       checkpoint.signature, entry.chain_id, entry.length, entry.head_hash, entry.head_event_id
                FROM audit_checkpoints checkpoint
                LEFT JOIN audit_checkpoint_chains entry ON entry.checkpoint_sequence = checkpoint.sequence
                """ + (onlyChain == null ? "" : """
                WHERE checkpoint.sequence IN (SELECT checkpoint_sequence FROM audit_checkpoint_chains
                                              WHERE chain_id = :chainId)
                """) + "ORDER BY checkpoint.sequence, entry.chain_id");
        if (onlyChain != null) {
            query.bind("chainId", onlyChain);
        }
        Checkpoint previous = null;
        try (ResultIterator<SignedRow> rows = query.setFetchSize(FETCH_SIZE).map((row, context) -> new SignedRow(
                new Checkpoint(row.getLong("sequence"), row.getObject("created_at", OffsetDateTime.class).toInstant(),
                        row.getString("key_id"), row.getString("previous_digest"), row.getString("signature"),
                        List.of()),
                row.getString("chain_id") == null ? null : AuditCheckpoints.ENTRY.map(row, context))).iterator()) {
            Peeking<SignedRow> peeking = new Peeking<>(rows);
            while (peeking.hasNext()) {
                SignedRow first = peeking.next();
                Checkpoint header = first.checkpoint();
                List<CheckpointEntry> entries = new ArrayList<>();
                for (SignedRow row = first; row != null;
                     row = peeking.hasNext() && peeking.peek().checkpoint().sequence() == header.sequence()
                             ? peeking.next() : null) {
                    if (row.entry() != null) {
                        entries.add(row.entry());
                    }
                }
                Checkpoint checkpoint = new Checkpoint(header.sequence(), header.createdAt(), header.keyId(),
                        header.previousDigest(), header.signature(), entries);
                checkOne(checkpoint, previous, onlyChain == null, findings, untrusted);
                previous = checkpoint;
            }
        }
        return Optional.ofNullable(previous)
                .map(checkpoint -> new CheckpointSummary(checkpoint.sequence(), checkpoint.createdAt(),
                        checkpoint.keyId()));
    }

    /** {@code followSequence} is false when only some checkpoints are read: those of one chain. */
    private void checkOne(Checkpoint checkpoint, Checkpoint previous, boolean followSequence, Findings findings,
                          Set<Long> untrusted) {
        String name = "checkpoint " + checkpoint.sequence();
        if (!checkpoint.keyId().equals(trustedKey.keyId())) {
            untrusted.add(checkpoint.sequence());
            findings.add(null, null, name + " is signed by key " + checkpoint.keyId() + ", not by the trusted key "
                    + trustedKey.keyId());
        } else if (!trustedKey.verifies(checkpoint.message(), checkpoint.signature())) {
            untrusted.add(checkpoint.sequence());
            findings.add(null, null, name + ": the signature does not verify (its chains, time, sequence or "
                    + "signature were changed)");
        }
        if (checkpoint.chains().isEmpty()) {
            findings.add(null, null, name + " lists no chains");
        }
        if (!followSequence) {
            return;
        }
        long expected = previous == null ? 1 : previous.sequence() + 1;
        if (checkpoint.sequence() != expected) {
            findings.add(null, null, name + " follows checkpoint " + (expected - 1) + ": the checkpoints between "
                    + "are missing");
        } else if (!Objects.equals(checkpoint.previousDigest(), previous == null ? null : previous.digest())) {
            findings.add(null, null, name + " does not carry the digest of checkpoint " + (expected - 1)
                    + ": that checkpoint was changed");
        }
    }

    private void checkChains(Handle handle, String onlyChain, Findings findings, Set<Long> untrusted) {
        String where = onlyChain == null ? "" : " WHERE chain_id = :chainId";
        try (ResultIterator<ChainedEvent> events = stream(handle,
                "SELECT * FROM audit_events" + where + " ORDER BY chain_id, chain_position", onlyChain)
                .map(new ChainedEvent.Mapper()).iterator();
             ResultIterator<CheckpointEntry> heads = stream(handle,
                     "SELECT chain_id, length, head_hash, head_event_id FROM audit_chain_heads" + where
                             + " ORDER BY chain_id", onlyChain)
                     .map((row, context) -> new CheckpointEntry(row.getString("chain_id"), row.getLong("length"),
                             Objects.requireNonNullElse(row.getString("head_hash"), ""),
                             row.getLong("head_event_id"))).iterator();
             ResultIterator<SignedEntry> signed = stream(handle,
                     "SELECT checkpoint_sequence, chain_id, length, head_hash, head_event_id "
                             + "FROM audit_checkpoint_chains" + where + " ORDER BY chain_id, length", onlyChain)
                     .map((row, context) -> new SignedEntry(row.getLong("checkpoint_sequence"),
                             AuditCheckpoints.ENTRY.map(row, context))).iterator()) {
            Peeking<ChainedEvent> eventStream = new Peeking<>(events);
            Peeking<CheckpointEntry> headStream = new Peeking<>(heads);
            Peeking<SignedEntry> signedStream = new Peeking<>(signed);
            while (eventStream.hasNext() || headStream.hasNext() || signedStream.hasNext()) {
                String chain = first(first(eventStream.chain(ChainedEvent::chainId),
                        headStream.chain(CheckpointEntry::chainId)), signedStream.chain(SignedEntry::chainId));
                ChainWalk walk = new ChainWalk(chain, findings, signedStream, untrusted);
                while (chain.equals(eventStream.chain(ChainedEvent::chainId))) {
                    walk.event(eventStream.next());
                }
                walk.finish(chain.equals(headStream.chain(CheckpointEntry::chainId)) ? headStream.next() : null);
            }
        }
    }

    private static Query stream(Handle handle, String sql, String onlyChain) {
        Query query = handle.createQuery(sql).setFetchSize(FETCH_SIZE);
        return onlyChain == null ? query : query.bind("chainId", onlyChain);
    }

    private static String first(String left, String right) {
        if (left == null) {
            return right;
        }
        if (right == null) {
            return left;
        }
        return CanonicalJson.CODE_POINT_ORDER.compare(left, right) <= 0 ? left : right;
    }

    /** One chain, followed event by event, with the checkpoint entries that signed it merged in by position. */
    private static final class ChainWalk {
        private final String chain;
        private final Findings findings;
        private final Peeking<SignedEntry> signed;
        private final Set<Long> untrusted;
        private long expectedPosition = 1;
        private String previousHash;
        private ChainedEvent last;
        private boolean linkBroken;
        private boolean signatureBroken;
        private long provenPosition;
        private Long firstUnproven;

        ChainWalk(String chain, Findings findings, Peeking<SignedEntry> signed, Set<Long> untrusted) {
            this.chain = chain;
            this.findings = findings;
            this.signed = signed;
            this.untrusted = untrusted;
        }

        void event(ChainedEvent event) {
            findings.eventsChecked++;
            if (!linkBroken) {
                String problem = linkProblem(event);
                if (problem != null) {
                    linkBroken = true;
                    findings.add(chain, event.id(), "event " + event.id() + " " + problem);
                }
            }
            expectedPosition = event.chainPosition() + 1;
            previousHash = event.hash();
            last = event;
            if (event.chainPosition() == provenPosition + 1) {
                firstUnproven = event.id();
            }
            while (nextSigned() != null && nextSigned().length() <= event.chainPosition()) {
                SignedEntry entry = signed.next();
                if (untrusted.contains(entry.sequence())) {
                    continue;
                }
                if (entry.length() < event.chainPosition()) {
                    missingSigned(entry);
                } else if (entry.entry().headHash().equals(event.hash()) && entry.entry().headEventId() == event.id()) {
                    provenPosition = event.chainPosition();
                    firstUnproven = null;
                } else if (!signatureBroken) {
                    signatureBroken = true;
                    long named = firstUnproven == null ? event.id() : firstUnproven;
                    findings.add(chain, named, "checkpoint " + entry.sequence() + " signed this chain at length "
                            + entry.length() + " with head " + entry.entry().headHash() + " (event "
                            + entry.entry().headEventId() + "); it now ends there with " + event.hash() + " (event "
                            + event.id() + "): events after position " + provenPosition + " were changed, starting "
                            + "with event " + named + " or later");
                }
            }
        }

        void finish(CheckpointEntry head) {
            while (nextSigned() != null) {
                SignedEntry entry = signed.next();
                if (!untrusted.contains(entry.sequence())) {
                    missingSigned(entry);
                }
            }
            long length = last == null ? 0 : last.chainPosition();
            if (head == null) {
                findings.add(chain, last == null ? null : last.id(), "the chain has no recorded head");
            } else if (head.length() > length) {
                findings.add(chain, head.headEventId(), "the chain ends at position " + length + " but its head "
                        + "records " + head.length() + " events, the last being event " + head.headEventId()
                        + ": the tail is missing");
            } else if (last == null || head.length() != length || !head.headHash().equals(last.hash())
                    || head.headEventId() != last.id()) {
                findings.add(chain, last == null ? null : last.id(), "the recorded head (" + head.length()
                        + " events, event " + head.headEventId() + ") does not match the chain's last event");
            }
            findings.chainsChecked++;
        }

        private String linkProblem(ChainedEvent event) {
            String expectedChain = ChainedEvent.chainOf(event.awardId());
            if (!expectedChain.equals(event.chainId())) {
                return "belongs to chain " + expectedChain + " by its award but is stored in chain " + chain;
            }
            if (event.chainPosition() > expectedPosition) {
                return "is at position " + event.chainPosition() + " where position " + expectedPosition
                        + " was expected: events before it are missing";
            }
            if (event.chainPosition() < expectedPosition) {
                return "is at position " + event.chainPosition() + " after position " + (expectedPosition - 1);
            }
            if (!Objects.equals(event.previousHash(), previousHash)) {
                return "does not link to the event before it: its previous hash is " + event.previousHash()
                        + ", the event before it has " + previousHash;
            }
            if (!event.computedHash().equals(event.hash())) {
                return "does not match its hash: its content was changed, or it was moved";
            }
            return null;
        }

        /** A checkpoint signed an event at a position this chain no longer has. */
        private void missingSigned(SignedEntry entry) {
            if (!signatureBroken) {
                signatureBroken = true;
                findings.add(chain, entry.entry().headEventId(), "checkpoint " + entry.sequence() + " signed this "
                        + "chain at length " + entry.length() + " ending with event " + entry.entry().headEventId()
                        + ", which the chain no longer has at that position");
            }
        }

        private SignedEntry nextSigned() {
            return chain.equals(signed.chain(SignedEntry::chainId)) ? signed.peek() : null;
        }
    }

    private static final class Findings {
        private final List<AuditProblem> problems = new ArrayList<>();
        private boolean any;
        private Long firstBroken;
        private long eventsChecked;
        private long chainsChecked;

        void add(String chainId, Long eventId, String description) {
            any = true;
            if (eventId != null && (firstBroken == null || eventId < firstBroken)) {
                firstBroken = eventId;
            }
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(new AuditProblem(chainId, eventId, description));
            }
        }

        AuditVerification result(Optional<CheckpointSummary> latest) {
            return new AuditVerification(!any, eventsChecked, chainsChecked,
                    firstBroken == null ? OptionalLong.empty() : OptionalLong.of(firstBroken), problems, latest);
        }
    }

    private record SignedRow(Checkpoint checkpoint, CheckpointEntry entry) {
    }

    private record SignedEntry(long sequence, CheckpointEntry entry) {
        String chainId() {
            return entry.chainId();
        }

        long length() {
            return entry.length();
        }
    }

    /** An iterator that can look one element ahead. */
    private static final class Peeking<T> {
        private final Iterator<T> source;
        private T next;

        Peeking(Iterator<T> source) {
            this.source = source;
            this.next = source.hasNext() ? source.next() : null;
        }

        boolean hasNext() {
            return next != null;
        }

        T peek() {
            return next;
        }

        T next() {
            T current = next;
            next = source.hasNext() ? source.next() : null;
            return current;
        }

        /** The chain of the next element, or null at the end. */
        String chain(Function<T, String> chainOf) {
            return next == null ? null : chainOf.apply(next);
        }
    }
}
