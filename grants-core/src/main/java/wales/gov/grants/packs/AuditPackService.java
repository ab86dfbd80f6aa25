package wales.gov.grants.packs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditCheckpoints;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.audit.AuditVerification;
import wales.gov.grants.audit.AuditVerifier;
import wales.gov.grants.audit.ChainedEvent;
import wales.gov.grants.audit.Checkpoint;
import wales.gov.grants.awards.AwardAccess;
import wales.gov.grants.evidence.Evidence;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.Digests;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.outcomes.OutcomeService;
import wales.gov.grants.pdf.Attachment;
import wales.gov.grants.pdf.AttachmentRelationship;
import wales.gov.grants.pdf.Cell;
import wales.gov.grants.pdf.Column;
import wales.gov.grants.pdf.ColumnWidth;
import wales.gov.grants.pdf.DocumentSettings;
import wales.gov.grants.pdf.DocumentWriter;
import wales.gov.grants.pdf.KeyValue;
import wales.gov.grants.pdf.StatusStyle;
import wales.gov.grants.pdf.Table;
import wales.gov.grants.recoveries.Ledger;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.schemes.SchemeDao;

import static java.util.Objects.requireNonNull;

/**
 * Audit packs: one PDF/A-3b per award or per scheme that an auditor takes away. A pack is built from one consistent
 * snapshot of the data (a repeatable-read transaction), cites the first signed checkpoint that covers each award's
 * audit chain as it stands, and is written to a temporary file first, so a client receives a whole file with its
 * length and digest or a clean error, never half a PDF. Same data, same bytes: every date and the document id come
 * from the data. Downloading a pack is recorded in the audit chain that is not tied to an award, so it never
 * changes the next pack of the award.
 */
public final class AuditPackService {
    private static final int MAX_SNAPSHOT_ATTEMPTS = 5;
    private static final int EVENT_FETCH_SIZE = 1_000;
    private static final String EVENTS = """
            SELECT * FROM audit_events WHERE chain_id = :chainId AND chain_position <= :length
            ORDER BY chain_position""";

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final AwardAccess access;
    private final AwardPackLoader loader;
    private final EvidenceStorage storage;
    private final AuditCheckpoints checkpoints;
    private final AuditVerifier verifier;
    private final Settings settings;

    /**
     * @param maxAttachmentBytes evidence files up to this size are attached to the PDF; larger ones are listed only
     * @param workDirectory where packs are written before they are sent
     */
    public record Settings(long maxAttachmentBytes, Path workDirectory) {
        public Settings {
            requireNonNull(workDirectory, "workDirectory is null");
            if (maxAttachmentBytes < 0) {
                throw new IllegalArgumentException("maxAttachmentBytes is negative");
            }
        }
    }

    public AuditPackService(Jdbi jdbi, AuditLog auditLog, AwardAccess access, Ledger ledger, OutcomeService outcomes,
                            EvidenceStorage storage, AuditCheckpoints checkpoints, AuditVerifier verifier,
                            Settings settings) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.access = requireNonNull(access, "access is null");
        this.loader = new AwardPackLoader(access, ledger, outcomes);
        this.storage = requireNonNull(storage, "storage is null");
        this.checkpoints = requireNonNull(checkpoints, "checkpoints is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * A finished pack in a temporary file: send it, then {@link #close()} deletes it. {@code checkpoint} is the
     * signed checkpoint an award's pack cites (none for a scheme's pack, which cites one per award, or for an award
     * without events).
     */
    public record Pack(Path file, long size, String sha256, String filename, String dataDigest, int pages,
                       Optional<ChainStatus.SignedCheckpoint> checkpoint) implements AutoCloseable {
        public Pack {
            requireNonNull(file, "file is null");
            requireNonNull(sha256, "sha256 is null");
            requireNonNull(filename, "filename is null");
            requireNonNull(checkpoint, "checkpoint is null");
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the pack " + file, e);
            }
        }
    }

    /**
     * An award's pack. Another organisation's award is "not found" before the role is checked, so a recipient learns
     * nothing of it; a recipient's own award is "forbidden".
     */
    public Pack awardPack(Actor actor, AwardId awardId, PackLanguage language) {
        jdbi.withHandle(handle -> access.visible(handle, actor, awardId));
        actor.requireRole(Role.AUDITOR, Role.FINANCE_OFFICER, Role.GRANT_MANAGER);
        Pack pack = awardSnapshot(awardId, (handle, chain, checkpoint, chainId, length) -> {
            AwardPackData data = loader.load(handle, actor, awardId);
            List<CheckResult> checks = Certification.of(data, chain);
            PackText text = new PackText(language);
            String title = text.get("pack.title") + " " + data.scheme().code() + " "
                    + data.organisation().code() + " " + PackText.shortId(awardId.toString());
            return write(title, language, data.asOf(),
                    json -> {
                        json.startDocument("award");
                        json.scheme(data.scheme());
                        writeAwardJson(handle, json, data, checks, chain, checkpoint, chainId, length);
                        json.endDocument();
                    },
                    (pdf, digest) -> {
                        AwardPackRenderer renderer = new AwardPackRenderer(pdf, text, false);
                        renderAward(handle, pdf, renderer, data, chain, checks, digest, chainId, length);
                    }, "audit-pack-" + data.scheme().code() + "-" + data.organisation().code() + "-"
                            + language.code() + ".pdf", chain.checkpoint());
        });
        recordDownload(actor, AuditAction.AUDIT_PACK_DOWNLOADED, awardId.toString(), language, pack);
        return pack;
    }

    /** What an award's pack would certify now: its chain's status and the certification checks, as the pack has them. */
    public record Certified(ChainStatus chain, List<CheckResult> checks) {
        public Certified {
            requireNonNull(chain, "chain is null");
            checks = List.copyOf(checks);
        }
    }

    /**
     * The chain status and certification checks an award's pack would show if made now, from the same snapshot and
     * checkpoint rule as {@link #awardPack}, without writing a pack or recording a download. Visibility and roles
     * are the pack's.
     */
    public Certified certification(Actor actor, AwardId awardId) {
        jdbi.withHandle(handle -> access.visible(handle, actor, awardId));
        actor.requireRole(Role.AUDITOR, Role.FINANCE_OFFICER, Role.GRANT_MANAGER);
        return awardSnapshot(awardId, (handle, chain, checkpoint, chainId, length) ->
                new Certified(chain, Certification.of(loader.load(handle, actor, awardId), chain)));
    }

    @FunctionalInterface
    private interface AwardWork<T> {
        T apply(Handle handle, ChainStatus chain, Optional<Checkpoint> checkpoint, String chainId, long length)
                throws IOException;
    }

    /**
     * Runs {@code work} on one snapshot of the award whose chain a signed checkpoint covers as it stands (or, after
     * {@value #MAX_SNAPSHOT_ATTEMPTS} tries on a chain that keeps growing, the snapshot as it is).
     */
    private <T> T awardSnapshot(AwardId awardId, AwardWork<T> work) {
        String chainId = ChainedEvent.chainOf(awardId.value());
        for (int attempt = 1; ; attempt++) {
            Optional<Checkpoint> checkpoint = checkpoints.coveringCheckpoint(chainId);
            AuditVerification verification = verifier.verifyChain(chainId);
            boolean lastAttempt = attempt >= MAX_SNAPSHOT_ATTEMPTS;
            Optional<T> result = snapshot(handle -> {
                long length = chainLength(handle, chainId);
                if (!covers(checkpoint, chainId, length) && !lastAttempt) {
                    return Optional.empty(); // the chain grew since the checkpoint: sign again and take a new snapshot
                }
                ChainStatus chain = chainStatus(verification, checkpoint, chainId, length);
                return Optional.of(work.apply(handle, chain, checkpoint, chainId, length));
            });
            if (result.isPresent()) {
                return result.get();
            }
        }
    }

    /** One pack of every award of a scheme, each award read, written and let go in turn. */
    public Pack schemePack(Actor actor, SchemeId schemeId, PackLanguage language) {
        actor.requireRole(Role.AUDITOR, Role.FINANCE_OFFICER, Role.GRANT_MANAGER);
        Scheme scheme = jdbi.withExtension(SchemeDao.class, schemes -> schemes.find(schemeId.value()))
                .orElseThrow(() -> new NotFoundException("scheme", schemeId.toString()));
        List<UUID> awards = jdbi.withExtension(PackDao.class, packs -> packs.awardsOfScheme(schemeId.value()));
        for (int attempt = 1; ; attempt++) {
            Map<UUID, Optional<Checkpoint>> cited = new LinkedHashMap<>();
            Map<UUID, AuditVerification> verified = new LinkedHashMap<>();
            for (UUID award : awards) {
                cited.put(award, checkpoints.coveringCheckpoint(award.toString()));
                verified.put(award, verifier.verifyChain(award.toString()));
            }
            boolean lastAttempt = attempt >= MAX_SNAPSHOT_ATTEMPTS;
            Optional<Pack> pack = snapshot(handle -> {
                Map<UUID, ChainStatus> chains = new LinkedHashMap<>();
                Map<UUID, Long> lengths = new LinkedHashMap<>();
                for (UUID award : awards) {
                    long length = chainLength(handle, award.toString());
                    if (!covers(cited.get(award), award.toString(), length) && !lastAttempt) {
                        return Optional.empty();
                    }
                    lengths.put(award, length);
                    chains.put(award, chainStatus(verified.get(award), cited.get(award), award.toString(), length));
                }
                PackText text = new PackText(language);
                Instant asOf = schemeAsOf(handle, scheme, awards);
                // the cover's table, filled as pack-data.json is written, which comes first: each award is read
                // once for the data file and once for the PDF, and let go in between
                List<SchemeRow> rows = new ArrayList<>();
                String title = text.get("pack.schemeTitle") + " " + scheme.code() + " " + scheme.financialYear();
                return Optional.of(write(title, language, asOf,
                        json -> {
                            json.startDocument("scheme");
                            json.scheme(scheme);
                            json.generator().writeArrayFieldStart("awards");
                            for (UUID award : awards) {
                                AwardPackData data = loader.load(handle, actor, new AwardId(award));
                                List<CheckResult> checks = Certification.of(data, chains.get(award));
                                rows.add(new SchemeRow(data.organisation().code(),
                                        AwardPackRenderer.organisationName(text, data.organisation()),
                                        data.award().status().name(), data.award().amount(), data.award().approved(),
                                        data.award().paid(), checks.stream().filter(CheckResult::passed).count(),
                                        checks.size()));
                                json.generator().writeStartObject();
                                writeAwardJson(handle, json, data, checks, chains.get(award), cited.get(award),
                                        award.toString(), lengths.get(award));
                                json.generator().writeEndObject();
                            }
                            json.generator().writeEndArray();
                            json.endDocument();
                        },
                        (pdf, digest) -> {
                            schemeCover(pdf, text, scheme, rows, digest);
                            for (UUID award : awards) {
                                AwardPackData data = loader.load(handle, actor, new AwardId(award));
                                pdf.heading(AwardPackRenderer.organisationName(text, data.organisation()));
                                AwardPackRenderer renderer = new AwardPackRenderer(pdf, text, true);
                                renderAward(handle, pdf, renderer, data, chains.get(award),
                                        Certification.of(data, chains.get(award)), null, award.toString(),
                                        lengths.get(award));
                            }
                        }, "audit-pack-" + scheme.code() + "-" + scheme.financialYear() + "-" + language.code()
                                + ".pdf", Optional.empty()));
            });
            if (pack.isPresent()) {
                recordDownload(actor, AuditAction.SCHEME_AUDIT_PACK_DOWNLOADED, schemeId.toString(), language,
                        pack.get());
                return pack.get();
            }
        }
    }

    /**
     * The instant a scheme's data was taken at: the latest of the scheme's creation and each award's as-of instant
     * (its creation or latest audit event), without reading the awards.
     */
    private static Instant schemeAsOf(Handle handle, Scheme scheme, List<UUID> awards) {
        if (awards.isEmpty()) {
            return scheme.createdAt();
        }
        UUID[] ids = awards.toArray(UUID[]::new);
        Optional<Instant> latest = handle.createQuery("""
                        SELECT greatest((SELECT max(created_at) FROM awards WHERE id = ANY(:awards)),
                                        (SELECT max(occurred_at) FROM audit_events WHERE award_id = ANY(:awards)))""")
                .bind("awards", ids).mapTo(Instant.class).findOne();
        return latest.filter(instant -> instant.isAfter(scheme.createdAt())).orElse(scheme.createdAt());
    }

    private record SchemeRow(String code, String organisation, String status, Money amount, Money approved,
                             Money paid, long checksPassed, long checks) {
    }

    private static void schemeCover(DocumentWriter pdf, PackText text, Scheme scheme, List<SchemeRow> rows,
                                    String digest) {
        pdf.heading(text.get("section.cover"));
        pdf.paragraph(text.get("pack.generatedFor", AwardPackRenderer.schemeName(text, scheme) + " "
                + scheme.financialYear()), wales.gov.grants.pdf.TextStyle.BOLD);
        pdf.keyValues(
                KeyValue.of(text.get("cover.scheme"), AwardPackRenderer.schemeName(text, scheme) + " ("
                        + scheme.code() + ")"),
                KeyValue.of(text.get("cover.financialYear"), scheme.financialYear().toString()),
                KeyValue.of(text.get("cover.awarded"), text.money(scheme.allocated())),
                KeyValue.of(text.get("cover.approved"), text.money(scheme.approved())),
                KeyValue.of(text.get("cover.paid"), text.money(scheme.paid())),
                KeyValue.of(text.get("cover.awards"), String.valueOf(rows.size())));
        AwardPackRenderer.digest(pdf, text, digest);
        pdf.paragraph(text.get("cover.intro"));
        pdf.subheading(text.get("section.awards"));
        Table table = pdf.table(Column.left(text.get("column.organisation"), ColumnWidth.relative(4)),
                Column.left(text.get("column.status"), ColumnWidth.relative(2)),
                Column.right(text.get("column.awarded"), ColumnWidth.points(78)),
                Column.right(text.get("column.approved"), ColumnWidth.points(78)),
                Column.right(text.get("column.paid"), ColumnWidth.points(78)),
                Column.left(text.get("section.checks"), ColumnWidth.relative(2)));
        for (SchemeRow row : rows) {
            table.row(Cell.of(row.organisation() + " (" + row.code() + ")"),
                    Cell.of(text.get("awardStatus." + row.status())), Cell.of(text.money(row.amount())),
                    Cell.of(text.money(row.approved())), Cell.of(text.money(row.paid())),
                    Cell.status(row.checksPassed() + " / " + row.checks(),
                            row.checksPassed() == row.checks() ? StatusStyle.PASS : StatusStyle.FAIL));
        }
    }

    private void renderAward(Handle handle, DocumentWriter pdf, AwardPackRenderer renderer, AwardPackData data,
                             ChainStatus chain, List<CheckResult> checks, String digest, String chainId,
                             long length) throws IOException {
        renderer.cover(data, chain, checks, digest);
        renderer.checks(checks);
        renderer.award(data);
        renderer.claims(data);
        renderer.money(data);
        renderer.outcomes(data);
        List<String> attached = new ArrayList<>();
        PackText text = renderer.text();
        for (Evidence evidence : data.evidence()) {
            attached.add(attachmentStatus(text, evidence));
        }
        renderer.evidence(data, attached, settings.maxAttachmentBytes());
        for (Evidence evidence : data.evidence()) {
            if (attachable(evidence)) {
                // the whole id: a short one is shared by two of a few thousand files often enough to fail a pack
                pdf.attach(new Attachment(evidence.id() + "-" + evidence.filename(),
                        evidence.mediaType().mediaType(), evidence.title(), AttachmentRelationship.SOURCE,
                        evidence.uploadedAt(), evidence.uploadedAt(), () -> storage.open(evidence.sha256())));
            }
        }
        try (ResultIterator<ChainedEvent> events = events(handle, chainId, length)) {
            renderer.trail(chain, length, new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return events.hasNext();
                }

                @Override
                public AwardPackRenderer.TrailRow next() {
                    ChainedEvent event = events.next();
                    return new AwardPackRenderer.TrailRow(event.chainPosition(), event.occurredAt(), event.action(),
                            event.actorUsername(), event.actorRole(), event.objectType(), event.objectId(),
                            event.hash());
                }
            });
        }
    }

    private boolean attachable(Evidence evidence) {
        return evidence.status() != Evidence.Status.REMOVED && evidence.size() <= settings.maxAttachmentBytes();
    }

    private String attachmentStatus(PackText text, Evidence evidence) {
        if (evidence.status() == Evidence.Status.REMOVED) {
            return text.get("evidence.removed");
        }
        return attachable(evidence) ? text.get("evidence.attached")
                : text.get("evidence.tooLarge", text.size(settings.maxAttachmentBytes()));
    }

    private void writeAwardJson(Handle handle, PackDataJson json, AwardPackData data, List<CheckResult> checks,
                                ChainStatus chain, Optional<Checkpoint> checkpoint, String chainId, long length)
            throws IOException {
        json.award(data, checks);
        json.generator().writeArrayFieldStart("events");
        try (ResultIterator<ChainedEvent> events = events(handle, chainId, length)) {
            while (events.hasNext()) {
                ChainedEvent event = events.next();
                json.event(event.id(), event.chainPosition(), event.canonicalContent(), event.previousHash(),
                        event.hash());
            }
        }
        json.generator().writeEndArray();
        json.generator().writeBooleanField("chainValid", chain.valid());
        if (chain.checkpoint().isPresent() && checkpoint.isPresent()) {
            json.checkpoint(chain.checkpoint().get(),
                    new String(checkpoint.get().message(), java.nio.charset.StandardCharsets.UTF_8));
        } else {
            json.generator().writeNullField("checkpoint");
        }
    }

    private static ResultIterator<ChainedEvent> events(Handle handle, String chainId, long length) {
        return handle.createQuery(EVENTS).bind("chainId", chainId).bind("length", length)
                .setFetchSize(EVENT_FETCH_SIZE).map(new ChainedEvent.Mapper()).iterator();
    }

    private static long chainLength(Handle handle, String chainId) {
        return handle.createQuery("SELECT length FROM audit_chain_heads WHERE chain_id = :chainId")
                .bind("chainId", chainId).mapTo(Long.class).findOne().orElse(0L);
    }

    private static boolean covers(Optional<Checkpoint> checkpoint, String chainId, long length) {
        return length == 0 || checkpoint.flatMap(signed -> signed.entryFor(chainId))
                .map(entry -> entry.length() == length).orElse(false);
    }

    /** What the pack says of the chain: verification's verdict, for the events and checkpoint of the snapshot. */
    private static ChainStatus chainStatus(AuditVerification verification, Optional<Checkpoint> checkpoint,
                                           String chainId, long length) {
        Optional<ChainStatus.SignedCheckpoint> signed = checkpoint.flatMap(cp -> cp.entryFor(chainId)
                .filter(entry -> entry.length() == length)
                .map(entry -> new ChainStatus.SignedCheckpoint(cp.sequence(), cp.createdAt(), cp.keyId(),
                        entry.length(), entry.headHash(), cp.signature())));
        OptionalLong broken = verification.firstBrokenEventId();
        return new ChainStatus(verification.valid(), length, broken, signed);
    }

    private <T> T snapshot(org.jdbi.v3.core.HandleCallback<T, IOException> work) {
        try {
            return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
                handle.execute("SET TRANSACTION READ ONLY");
                return work.withHandle(handle);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an audit pack", e);
        }
    }

    @FunctionalInterface
    private interface JsonPart {
        void write(PackDataJson json) throws IOException;
    }

    @FunctionalInterface
    private interface PdfPart {
        void write(DocumentWriter pdf, String dataDigest) throws IOException;
    }

    /**
     * Writes pack-data.json to a temporary file while hashing it, then the PDF (citing that digest and attaching the
     * file) to another; the data file is deleted, the PDF returned.
     */
    private Pack write(String title, PackLanguage language, Instant asOf, JsonPart data, PdfPart document,
                       String filename, Optional<ChainStatus.SignedCheckpoint> checkpoint) throws IOException {
        Files.createDirectories(settings.workDirectory());
        Path json = Files.createTempFile(settings.workDirectory(), "pack-data-", ".json");
        Path pdfFile = Files.createTempFile(settings.workDirectory(), "pack-", ".pdf");
        boolean done = false;
        try {
            MessageDigest jsonDigest = Digests.sha256();
            try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(json)),
                    jsonDigest); PackDataJson writer = new PackDataJson(out)) {
                data.write(writer);
            }
            String dataDigest = HexFormat.of().formatHex(jsonDigest.digest());
            PackText text = new PackText(language);
            DocumentSettings settings = new DocumentSettings(title, language.locale(), asOf, dataDigest + language.code(),
                    title, text.get("pack.page", "{0}", "{1}"));
            MessageDigest pdfDigest = Digests.sha256();
            int pages;
            try (DocumentWriter pdf = DocumentWriter.open(settings)) {
                document.write(pdf, dataDigest);
                pdf.attach(new Attachment("pack-data.json", "application/json", text.get("cover.digest"),
                        AttachmentRelationship.DATA, asOf, asOf, () -> Files.newInputStream(json)));
                try (OutputStream out = new DigestOutputStream(
                        new BufferedOutputStream(Files.newOutputStream(pdfFile)), pdfDigest)) {
                    pdf.finish(out);
                }
                pages = pdf.pages();
            }
            done = true;
            return new Pack(pdfFile, Files.size(pdfFile), HexFormat.of().formatHex(pdfDigest.digest()), filename,
                    dataDigest, pages, checkpoint);
        } finally {
            Files.deleteIfExists(json);
            if (!done) {
                Files.deleteIfExists(pdfFile);
            }
        }
    }

    private void recordDownload(Actor actor, AuditAction action, String objectId, PackLanguage language, Pack pack) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("language", language.code());
        details.put("sha256", pack.sha256());
        details.put("dataSha256", pack.dataDigest());
        details.put("size", pack.size());
        jdbi.useTransaction(handle -> auditLog.append(handle, AuditEvent.of(actor, action, objectId)
                .details(details).build()));
    }
}
