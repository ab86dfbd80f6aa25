package wales.gov.grants.evidence;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardAccess;
import wales.gov.grants.awards.AwardDao;
import wales.gov.grants.awards.AwardStatus;
import wales.gov.grants.idempotency.IdempotencyService;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.ContentTooLargeException;
import wales.gov.grants.kernel.EvidenceId;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.kernel.Validator;

import static java.util.Objects.requireNonNull;

/**
 * Evidence documents of awards. An upload is read straight from the request into temporary storage while it is
 * hashed ({@link #stage}), checked by content, moved into content-addressed storage and only then recorded, in one transaction
 * with its audit event. Whatever fails, nothing is left behind: the temporary file is always deleted, and a stored
 * file whose row did not commit is removed again (or, after a crash, by {@link #sweepOrphans()} at start-up).
 */
public final class EvidenceService {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceService.class);
    static final int MAX_TITLE = 200;
    /** Room for the multipart framing and the small fields beside the file when judging a request's length. */
    public static final long FORM_OVERHEAD_BYTES = 64 * 1024;
    /** Final monitoring returns arrive after an award closes. */
    private static final Set<AwardStatus> ACCEPTS_EVIDENCE = EnumSet.of(AwardStatus.ACTIVE, AwardStatus.CLOSED);

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final Clock clock;
    private final EvidenceStorage storage;
    private final ContentDetector detector;
    private final IdempotencyService idempotency;
    private final AwardAccess access;

    public EvidenceService(Jdbi jdbi, AuditLog auditLog, AwardAccess access, Clock clock, EvidenceStorage storage,
                           IdempotencyService idempotency) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.idempotency = requireNonNull(idempotency, "idempotency is null");
        this.detector = new ContentDetector();
    }

    /**
     * The fields sent beside an uploaded file, as received: every one is checked by {@link #upload}.
     *
     * @param filename the name the client gave the file, cleaned for display
     */
    public record NewEvidence(String filename, String title, String claimId, String supersedes) {
    }

    public record Upload(Evidence evidence, boolean replayed) {
        public Upload {
            requireNonNull(evidence, "evidence is null");
        }
    }

    /**
     * Refuses an upload before its body is read, where that can be decided: the role, the award (another
     * organisation's is "not found") and its status, and a declared length over the limit.
     *
     * @param declaredLength the request's length, or -1 if it has none
     */
    public void checkUpload(Actor actor, AwardId awardId, long declaredLength) {
        actor.requireRole(Role.RECIPIENT);
        Award award = jdbi.withHandle(handle -> access.visible(handle, actor, awardId));
        award.requireStatus("upload evidence", ACCEPTS_EVIDENCE);
        if (declaredLength > storage.maxBytes() + FORM_OVERHEAD_BYTES) {
            throw new ContentTooLargeException(storage.maxBytes());
        }
    }

    /**
     * Receives a file's bytes as they arrive into temporary storage, hashed and counted, refusing early what the
     * first bytes show cannot be evidence. The caller passes the result to {@link #upload}, which always discards
     * it; a caller that fails before then must {@link EvidenceStorage.StagedFile#discard() discard} it itself.
     */
    public EvidenceStorage.StagedFile stage(InputStream content) {
        return storage.receive(content, detector);
    }

    /** The largest file accepted. */
    public long maxUploadBytes() {
        return storage.maxBytes();
    }

    /**
     * Records a staged file as evidence of an award, once its fields and content are checked.
     *
     * @param file the staged file, or null if the request carried none (refused, with the other bad fields)
     * @param idempotencyKey with a key, a retry of the same upload (same bytes and fields) creates nothing and
     *                       returns the first result; the key with a different upload is refused
     */
    public Upload upload(Actor actor, AwardId awardId, EvidenceStorage.StagedFile file, NewEvidence fields,
                         String idempotencyKey) {
        try {
            actor.requireRole(Role.RECIPIENT);
            Validator validator = new Validator();
            validator.check(file != null, "file", "is required: send the document as a part named \"file\"");
            validator.check(file == null || file.size() > 0, "file", "is empty");
            validator.check(!Filenames.isSuspicious(fields.filename()), "file",
                    "the filename must not contain \"..\" segments or control characters");
            String title = validator.text("title", fields.title(), MAX_TITLE);
            ClaimId claimId = optionalId(validator, "claimId", fields.claimId(), ClaimId::parse,
                    "the id of a claim of this award");
            EvidenceId supersedes = optionalId(validator, "supersedes", fields.supersedes(), EvidenceId::parse,
                    "the id of evidence of this award");
            validator.throwIfInvalid();
            Award award = jdbi.withHandle(handle -> access.visible(handle, actor, awardId));
            award.requireStatus("upload evidence", ACCEPTS_EVIDENCE);
            EvidenceMediaType type = detector.detect(file.path());
            Form form = new Form(file, fields.filename(), title, claimId, supersedes);
            return record(actor, award, form, type, Filenames.clean(fields.filename(), type),
                    idempotencyKey);
        } finally {
            if (file != null) {
                file.discard();
            }
        }
    }

    private static <T> T optionalId(Validator validator, String field, String text,
                                    java.util.function.Function<String, Optional<T>> parser, String expected) {
        return text == null || text.isBlank() ? null : validator.optional(field, text.strip(), parser, expected);
    }

    private Upload record(Actor actor, Award award, Form form, EvidenceMediaType type, String filename, String key) {
        EvidenceStorage.StagedFile file = form.file();
        String request = String.join("\n", "evidence of award " + award.id(), file.sha256(),
                form.title(), String.valueOf(form.claimId()), String.valueOf(form.supersedes()), filename);
        boolean[] placed = {false};
        try {
            IdempotencyService.StoredResponse response = idempotency.execute(actor, key, request,
                    () -> jdbi.inTransaction(handle -> {
                        EvidenceId id = insert(handle, actor, award.id(), form, type, filename, placed);
                        return IdempotencyService.StoredResponse.created(id.toString(), null);
                    }));
            Evidence evidence = jdbi.withExtension(EvidenceDao.class,
                    evidenceDao -> evidenceDao.find(UUID.fromString(response.body()))).orElseThrow();
            return new Upload(evidence, response.replayed());
        } catch (RuntimeException failure) {
            if (placed[0]) {
                removeIfOrphan(file.sha256());
            }
            throw failure;
        }
    }

    private EvidenceId insert(Handle handle, Actor actor, AwardId awardId, Form form, EvidenceMediaType type,
                              String filename, boolean[] placed) {
        Award award = access.lockVisible(handle, actor, awardId);
        award.requireStatus("upload evidence", ACCEPTS_EVIDENCE);
        EvidenceDao evidence = handle.attach(EvidenceDao.class);
        if (form.claimId() != null) {
            evidence.claimStatus(award.id().value(), form.claimId().value())
                    .orElseThrow(() -> ValidationException.of("claimId", "names no claim of this award"));
        }
        Evidence previous = null;
        if (form.supersedes() != null) {
            evidence.lock(form.supersedes().value());
            previous = evidence.find(form.supersedes().value())
                    .filter(candidate -> candidate.awardId().equals(award.id()))
                    .orElseThrow(() -> ValidationException.of("supersedes", "names no evidence of this award"));
            if (previous.supersededBy() != null) {
                throw new StateConflictException("evidence " + previous.id() + " is already superseded by "
                        + previous.supersededBy() + "; supersede that one instead");
            }
        }
        EvidenceStorage.StagedFile file = form.file();
        evidence.lockContent(contentLockKey(file.sha256()));
        placed[0] = storage.place(file);
        EvidenceId id = EvidenceId.random();
        evidence.insert(id.value(), award.id().value(), form.claimId() == null ? null : form.claimId().value(),
                form.title(), filename, type.mediaType(), file.size(), file.sha256(),
                previous == null ? null : previous.id().value(), actor.userId().value(), clock.instant());
        Evidence created = evidence.find(id.value()).orElseThrow();
        auditLog.append(handle, AuditEvent.of(actor, AuditAction.EVIDENCE_UPLOADED, id)
                .scheme(award.schemeId())
                .award(award.id())
                .after(state(created))
                .build());
        if (previous != null) {
            auditLog.append(handle, AuditEvent.of(actor, AuditAction.EVIDENCE_SUPERSEDED, previous.id())
                    .scheme(award.schemeId())
                    .award(award.id())
                    .before(Map.of("status", previous.status().name()))
                    .after(Map.of("status", Evidence.Status.SUPERSEDED.name(), "supersededBy", id.toString()))
                    .build());
        }
        return id;
    }

    public Page<Evidence> list(Actor actor, AwardId awardId, Page.Request page) {
        return jdbi.inTransaction(handle -> {
            Award award = access.visible(handle, actor, awardId);
            EvidenceDao evidence = handle.attach(EvidenceDao.class);
            return new Page<>(evidence.page(award.id().value(), page.limit(), page.offset()),
                    evidence.count(award.id().value()), page.limit(), page.offset());
        });
    }

    public Evidence get(Actor actor, EvidenceId evidenceId) {
        return jdbi.withHandle(handle -> visible(handle, actor, evidenceId));
    }

    /**
     * A document's bytes, audited. With {@code knownSha256} naming its content (the client's If-None-Match),
     * nothing is read or recorded and the download says it was not modified.
     */
    public Download download(Actor actor, EvidenceId evidenceId, Set<String> knownSha256, boolean anyKnown) {
        return jdbi.inTransaction(handle -> {
            Evidence evidence = visible(handle, actor, evidenceId);
            if (anyKnown || knownSha256.contains(evidence.sha256())) {
                return new Download(evidence, true, storage);
            }
            if (!storage.contains(evidence.sha256())) {
                throw new EvidenceUnavailableException(evidence.sha256(), "the file of evidence " + evidence.id()
                        + " (" + evidence.sha256() + ") is missing from " + storage.root()
                        + "; is this server's evidence directory the one shared by every server?");
            }
            auditLog.append(handle, AuditEvent.of(actor, AuditAction.EVIDENCE_DOWNLOADED, evidence.id())
                    .award(evidence.awardId())
                    .details(Map.of("sha256", evidence.sha256(), "size", evidence.size()))
                    .build());
            return new Download(evidence, false, storage);
        });
    }

    /**
     * What is wrong with evidence storage as this server sees it: the directory itself ({@link
     * EvidenceStorage#problems()}), and recorded files missing from it. The newest {@code recentFiles} rows are
     * checked, so a server whose directory is not the one shared by every server is found out as soon as another
     * server has stored an upload. Empty when healthy.
     */
    public List<String> storageProblems(int recentFiles) {
        List<String> problems = new ArrayList<>(storage.problems());
        if (problems.isEmpty() && recentFiles > 0) {
            List<String> latest = jdbi.withExtension(EvidenceDao.class,
                    evidence -> evidence.latestHashes(recentFiles));
            long missing = latest.stream().filter(sha256 -> !storage.contains(sha256)).count();
            if (missing > 0) {
                problems.add(missing + " of the " + latest.size() + " most recently recorded files are missing from "
                        + storage.root() + "; every server must use the same shared evidence directory");
            }
        }
        return problems;
    }

    /** A document to send: its record, and its bytes unless the client already has them. */
    public static final class Download {
        private final Evidence evidence;
        private final boolean notModified;
        private final EvidenceStorage storage;

        Download(Evidence evidence, boolean notModified, EvidenceStorage storage) {
            this.evidence = requireNonNull(evidence, "evidence is null");
            this.notModified = notModified;
            this.storage = requireNonNull(storage, "storage is null");
        }

        public Evidence evidence() {
            return evidence;
        }

        public boolean notModified() {
            return notModified;
        }

        public InputStream open() {
            return storage.open(evidence.sha256());
        }
    }

    /**
     * Marks a document removed; the row and the bytes stay for the audit trail. Evidence for a claim that has been
     * approved (or paid) is part of that decision and cannot be removed: upload a correction that supersedes it.
     */
    public Evidence remove(Actor actor, EvidenceId evidenceId) {
        actor.requireRole(Role.RECIPIENT);
        return jdbi.inTransaction(handle -> {
            Evidence found = visible(handle, actor, evidenceId);
            EvidenceDao evidence = handle.attach(EvidenceDao.class);
            evidence.lock(found.id().value());
            Evidence current = evidence.find(found.id().value()).orElseThrow();
            if (current.removedAt() != null) {
                throw new StateConflictException("evidence " + current.id() + " was already removed");
            }
            Optional<String> claimStatus = current.claim()
                    .flatMap(claim -> evidence.claimStatus(current.awardId().value(), claim.value()));
            if (claimStatus.isPresent() && Set.of("APPROVED", "PAID").contains(claimStatus.get())) {
                throw new RuleViolationException("evidence-of-approved-claim", "evidence " + current.id()
                        + " supports claim " + current.claimId() + ", which is " + claimStatus.get()
                        + "; it cannot be removed, but a corrected upload may supersede it");
            }
            Instant now = clock.instant();
            if (evidence.markRemoved(current.id().value(), actor.userId().value(), now) != 1) {
                throw new StateConflictException("evidence " + current.id() + " was already removed");
            }
            Evidence removed = evidence.find(current.id().value()).orElseThrow();
            auditLog.append(handle, AuditEvent.of(actor, AuditAction.EVIDENCE_REMOVED, removed.id())
                    .award(removed.awardId())
                    .before(Map.of("status", current.status().name()))
                    .after(Map.of("status", removed.status().name()))
                    .build());
            return removed;
        });
    }

    /**
     * Deletes stored files that no row refers to: left by a crash between the move into storage and the commit.
     * Each file is checked under its content lock, so an upload in flight on another server is never touched.
     */
    public int sweepOrphans() {
        int removed = 0;
        for (String sha256 : storage.storedHashes()) {
            if (removeIfOrphan(sha256)) {
                removed++;
            }
        }
        return removed;
    }

    private boolean removeIfOrphan(String sha256) {
        try {
            return jdbi.inTransaction(handle -> {
                EvidenceDao evidence = handle.attach(EvidenceDao.class);
                evidence.lockContent(contentLockKey(sha256));
                if (evidence.referenced(sha256)) {
                    return false;
                }
                storage.delete(sha256);
                return true;
            });
        } catch (RuntimeException e) {
            LOG.error("cannot remove the unrecorded file {}; the start-up sweep will retry", sha256, e);
            return false;
        }
    }

    private Evidence visible(Handle handle, Actor actor, EvidenceId evidenceId) {
        return handle.attach(EvidenceDao.class).find(evidenceId.value())
                .filter(evidence -> handle.attach(AwardDao.class).find(evidence.awardId().value())
                        .map(award -> access.canSee(actor, award))
                        .orElse(false))
                .orElseThrow(() -> new NotFoundException("evidence", evidenceId.toString()));
    }

    static long contentLockKey(String sha256) {
        return Long.parseUnsignedLong(sha256.substring(0, 16), 16);
    }

    private static Map<String, Object> state(Evidence evidence) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("title", evidence.title());
        state.put("filename", evidence.filename());
        state.put("mediaType", evidence.mediaType().mediaType());
        state.put("size", evidence.size());
        state.put("sha256", evidence.sha256());
        state.put("claimId", evidence.claimId() == null ? null : evidence.claimId().toString());
        state.put("supersedes", evidence.supersedes() == null ? null : evidence.supersedes().toString());
        return state;
    }

    /** The form as read: the file staged in temporary storage and the fields beside it. */
    private record Form(EvidenceStorage.StagedFile file, String filename, String title, ClaimId claimId,
                        EvidenceId supersedes) {
        Form {
            requireNonNull(file, "file is null");
            requireNonNull(title, "title is null");
        }
    }
}
