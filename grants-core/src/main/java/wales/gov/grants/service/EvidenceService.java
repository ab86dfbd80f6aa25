package wales.gov.grants.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.db.AwardDao;
import wales.gov.grants.db.EvidenceDao;
import wales.gov.grants.domain.Actor;
import wales.gov.grants.domain.Award;
import wales.gov.grants.domain.ClaimId;
import wales.gov.grants.domain.ContentTooLargeException;
import wales.gov.grants.domain.Evidence;
import wales.gov.grants.domain.EvidenceId;
import wales.gov.grants.domain.EvidenceMediaType;
import wales.gov.grants.domain.MalformedRequestException;
import wales.gov.grants.domain.NotFoundException;
import wales.gov.grants.domain.Page;
import wales.gov.grants.domain.Role;
import wales.gov.grants.domain.RuleViolationException;
import wales.gov.grants.domain.StateConflictException;
import wales.gov.grants.domain.UnsupportedContentException;
import wales.gov.grants.domain.ValidationException;
import wales.gov.grants.domain.Validator;
import wales.gov.grants.evidence.ContentDetector;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.evidence.Filenames;
import wales.gov.grants.evidence.MultipartReader;

import static java.util.Objects.requireNonNull;

/**
 * Evidence documents of awards. An upload is read straight from the request into temporary storage while it is
 * hashed, checked by content, moved into content-addressed storage and only then recorded, in one transaction
 * with its audit event. Whatever fails, nothing is left behind: the temporary file is always deleted, and a stored
 * file whose row did not commit is removed again (or, after a crash, by {@link #sweepOrphans()} at start-up).
 */
public final class EvidenceService {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceService.class);
    static final int MAX_TITLE = 200;
    /** Room for the multipart framing and the small fields beside the file when judging Content-Length. */
    static final long FORM_OVERHEAD_BYTES = 64 * 1024;
    private static final int MAX_FIELD_BYTES = 4 * MAX_TITLE + 4;
    private static final Set<String> FIELDS = Set.of("file", "title", "claimId", "supersedes");

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final Clock clock;
    private final EvidenceStorage storage;
    private final ContentDetector detector;
    private final IdempotencyService idempotency;

    public EvidenceService(Jdbi jdbi, AuditLog auditLog, Clock clock, EvidenceStorage storage,
                           IdempotencyService idempotency) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.idempotency = requireNonNull(idempotency, "idempotency is null");
        this.detector = new ContentDetector();
    }

    /**
     * A {@code multipart/form-data} upload as it arrives: {@code file}, {@code title}, optional {@code claimId}
     * and {@code supersedes}.
     *
     * @param declaredLength the request's Content-Length, or -1 if it has none
     * @param idempotencyKey with a key, a retry of the same upload (same bytes and fields) creates nothing and
     *                       returns the first result; the key with a different upload is refused
     */
    public record UploadRequest(String awardId, String contentType, long declaredLength, InputStream body,
                                String idempotencyKey) {
        public UploadRequest {
            requireNonNull(body, "body is null");
        }
    }

    public record Upload(Evidence evidence, boolean replayed) {
        public Upload {
            requireNonNull(evidence, "evidence is null");
        }
    }

    public Upload upload(Actor actor, UploadRequest request) {
        actor.requireRole(Role.RECIPIENT);
        // everything that can be refused without the body is refused before reading it
        Award award = jdbi.withHandle(handle -> AwardService.visible(handle, actor, request.awardId(), false));
        requireAcceptsEvidence(award);
        if (request.declaredLength() > storage.maxBytes() + FORM_OVERHEAD_BYTES) {
            throw new ContentTooLargeException(storage.maxBytes());
        }
        String boundary = MultipartReader.boundary(request.contentType());
        Form form;
        try {
            form = readForm(new MultipartReader(request.body(), boundary));
        } catch (ValidationException | UnsupportedContentException refused) {
            // Read (and drop) the rest of a refused body, within the size limit, so that the client, still sending,
            // is not cut off before it can read the refusal. An oversized body is not read: that is 413's point.
            drain(request.body(), storage.maxBytes() + FORM_OVERHEAD_BYTES);
            throw refused;
        }
        try {
            EvidenceMediaType type = detector.detect(form.file().path());
            return record(actor, award, form, type, Filenames.clean(form.filename(), type.extension()),
                    request.idempotencyKey());
        } finally {
            form.file().discard();
        }
    }

    private Upload record(Actor actor, Award award, Form form, EvidenceMediaType type, String filename, String key) {
        EvidenceStorage.StagedFile file = form.file();
        String request = String.join("\n", "POST /api/v1/awards/" + award.id() + "/evidence", file.sha256(),
                form.title(), String.valueOf(form.claimId()), String.valueOf(form.supersedes()), filename);
        boolean[] placed = {false};
        try {
            IdempotencyService.StoredResponse response = idempotency.execute(actor, key, request,
                    () -> jdbi.inTransaction(handle -> {
                        EvidenceId id = insert(handle, actor, award.id().toString(), form, type, filename, placed);
                        return IdempotencyService.StoredResponse.created(id.toString(), "/api/v1/evidence/" + id);
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

    private EvidenceId insert(Handle handle, Actor actor, String awardId, Form form, EvidenceMediaType type,
                              String filename, boolean[] placed) {
        Award award = AwardService.visible(handle, actor, awardId, true);
        requireAcceptsEvidence(award);
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
        auditLog.append(handle, AuditEvent.of(actor, "EVIDENCE_UPLOADED", "evidence", id)
                .scheme(award.schemeId())
                .award(award.id())
                .after(state(created))
                .build());
        if (previous != null) {
            auditLog.append(handle, AuditEvent.of(actor, "EVIDENCE_SUPERSEDED", "evidence", previous.id())
                    .scheme(award.schemeId())
                    .award(award.id())
                    .before(Map.of("status", previous.status().name()))
                    .after(Map.of("status", Evidence.Status.SUPERSEDED.name(), "supersededBy", id.toString()))
                    .build());
        }
        return id;
    }

    public Page<Evidence> list(Actor actor, String awardId, Page.Request page) {
        return jdbi.inTransaction(handle -> {
            Award award = AwardService.visible(handle, actor, awardId, false);
            EvidenceDao evidence = handle.attach(EvidenceDao.class);
            return new Page<>(evidence.page(award.id().value(), page.limit(), page.offset()),
                    evidence.count(award.id().value()), page.limit(), page.offset());
        });
    }

    public Evidence get(Actor actor, String evidenceId) {
        return jdbi.withHandle(handle -> visible(handle, actor, evidenceId));
    }

    /**
     * A document's bytes, audited. With {@code knownSha256} naming its content (the client's If-None-Match),
     * nothing is read or recorded and the download says it was not modified.
     */
    public Download download(Actor actor, String evidenceId, Set<String> knownSha256, boolean anyKnown) {
        return jdbi.inTransaction(handle -> {
            Evidence evidence = visible(handle, actor, evidenceId);
            if (anyKnown || knownSha256.contains(evidence.sha256())) {
                return new Download(evidence, true, storage);
            }
            if (!storage.contains(evidence.sha256())) {
                throw new IllegalStateException("the file of evidence " + evidence.id() + " is missing from storage");
            }
            auditLog.append(handle, AuditEvent.of(actor, "EVIDENCE_DOWNLOADED", "evidence", evidence.id())
                    .award(evidence.awardId())
                    .details(Map.of("sha256", evidence.sha256(), "size", evidence.size()))
                    .build());
            return new Download(evidence, false, storage);
        });
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
    public Evidence remove(Actor actor, String evidenceId) {
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
            auditLog.append(handle, AuditEvent.of(actor, "EVIDENCE_REMOVED", "evidence", removed.id())
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

    private static Evidence visible(Handle handle, Actor actor, String evidenceId) {
        return EvidenceId.parse(evidenceId)
                .flatMap(id -> handle.attach(EvidenceDao.class).find(id.value()))
                .filter(evidence -> handle.attach(AwardDao.class).find(evidence.awardId().value())
                        .map(award -> actor.canSee(award.organisationId()))
                        .orElse(false))
                .orElseThrow(() -> new NotFoundException("evidence", evidenceId));
    }

    private static void requireAcceptsEvidence(Award award) {
        switch (award.status()) {
            case ACTIVE, CLOSED -> {
                // final monitoring returns arrive after an award closes
            }
            case DRAFT, OFFERED, WITHDRAWN -> throw new RuleViolationException("award-not-active",
                    "evidence is uploaded to an active or closed award; award " + award.id() + " is "
                            + award.status());
        }
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

    private Form readForm(MultipartReader reader) {
        EvidenceStorage.StagedFile file = null;
        try {
            String filename = null;
            Map<String, String> fields = new LinkedHashMap<>();
            Optional<MultipartReader.Part> next;
            while ((next = reader.next()).isPresent()) {
                MultipartReader.Part part = next.get();
                if (!FIELDS.contains(part.name())) {
                    throw ValidationException.of(part.name(), "is not a known field; send file, title and "
                            + "optionally claimId and supersedes");
                }
                if (part.name().equals("file")) {
                    if (file != null) {
                        throw ValidationException.of("file", "must be sent once: one upload is one document");
                    }
                    if (Filenames.isSuspicious(part.filename())) {
                        throw ValidationException.of("file", "the filename must not contain \"..\" segments or "
                                + "control characters");
                    }
                    file = storage.receive(part.body(), detector);
                    filename = part.filename();
                } else {
                    if (fields.containsKey(part.name())) {
                        throw ValidationException.of(part.name(), "must be sent once");
                    }
                    fields.put(part.name(), readField(part));
                }
            }
            Validator validator = new Validator();
            validator.check(file != null, "file", "is required: send the document as a part named \"file\"");
            validator.check(file == null || file.size() > 0, "file", "is empty");
            String title = validator.text("title", fields.get("title"), MAX_TITLE);
            ClaimId claimId = null;
            if (fields.get("claimId") != null && !fields.get("claimId").isBlank()) {
                Optional<ClaimId> parsed = ClaimId.parse(fields.get("claimId").strip());
                validator.check(parsed.isPresent(), "claimId", "must be the id of a claim of this award");
                claimId = parsed.orElse(null);
            }
            EvidenceId supersedes = null;
            if (fields.get("supersedes") != null && !fields.get("supersedes").isBlank()) {
                Optional<EvidenceId> parsed = EvidenceId.parse(fields.get("supersedes").strip());
                validator.check(parsed.isPresent(), "supersedes", "must be the id of evidence of this award");
                supersedes = parsed.orElse(null);
            }
            validator.throwIfInvalid();
            return new Form(file, filename, title, claimId, supersedes);
        } catch (IOException e) {
            discard(file);
            throw new MalformedRequestException("the upload ended before the request was complete");
        } catch (RuntimeException e) {
            discard(file);
            throw e;
        }
    }

    private static void drain(InputStream body, long maxBytes) {
        try {
            byte[] sink = new byte[64 * 1024];
            long drained = 0;
            int read;
            while (drained < maxBytes && (read = body.read(sink)) >= 0) {
                drained += read;
            }
        } catch (IOException gone) {
            // the client has gone; there is nobody left to answer
        }
    }

    private static void discard(EvidenceStorage.StagedFile file) {
        if (file != null) {
            file.discard();
        }
    }

    private static String readField(MultipartReader.Part part) throws IOException {
        byte[] value = part.body().readNBytes(MAX_FIELD_BYTES + 1);
        if (value.length > MAX_FIELD_BYTES) {
            throw ValidationException.of(part.name(), "must be at most " + MAX_TITLE + " characters");
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
