package wales.gov.grants.samples;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import wales.gov.grants.audit.CanonicalJson;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Digests;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.packs.PackLanguage;
import wales.gov.grants.packs.PackText;
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
import wales.gov.grants.pdf.TextStyle;

import static java.util.Objects.requireNonNull;

/**
 * A sample's pack, in the audit packs' manner: a PDF/A-3b with a cover saying what the sample was drawn from and
 * whether the population is still the same, the sampled lines, the evidence of their claims with SHA-256, each file
 * attached where it fits the packs' limit, and the sample itself attached as {@code sample.json} (canonical JSON).
 * Every date is the sample's own, and the document id comes from the data, so the same data gives the same bytes.
 */
final class SamplePacks {
    private final EvidenceStorage storage;
    private final AuditPackService.Settings settings;

    SamplePacks(EvidenceStorage storage, AuditPackService.Settings settings) {
        this.storage = storage;
        this.settings = settings;
    }

    AuditPackService.Pack write(Sample sample, String digestNow, PackLanguage language) {
        requireNonNull(sample, "sample is null");
        PackText text = new PackText(language);
        String title = text.get("sample.title") + " " + sample.schemeCode() + " " + sample.financialYear() + " "
                + PackText.shortId(sample.id().toString());
        byte[] data = CanonicalJson.write(json(sample)).getBytes(StandardCharsets.UTF_8);
        String dataDigest = HexFormat.of().formatHex(Digests.sha256().digest(data));
        DocumentSettings document = new DocumentSettings(title, language.locale(), sample.drawnAt(),
                dataDigest + digestNow + language.code(), title, text.get("pack.page", "{0}", "{1}"));
        Path file = null;
        boolean done = false;
        try {
            Files.createDirectories(settings.workDirectory());
            file = Files.createTempFile(settings.workDirectory(), "sample-", ".pdf");
            MessageDigest pdfDigest = Digests.sha256();
            int pages;
            try (DocumentWriter pdf = DocumentWriter.open(document)) {
                cover(pdf, text, sample, digestNow);
                lines(pdf, text, sample);
                evidence(pdf, text, sample);
                pdf.attach(new Attachment("sample.json", "application/json", text.get("sample.title"),
                        AttachmentRelationship.DATA, sample.drawnAt(), sample.drawnAt(),
                        () -> new ByteArrayInputStream(data)));
                try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file)),
                        pdfDigest)) {
                    pdf.finish(out);
                }
                pages = pdf.pages();
            }
            done = true;
            return new AuditPackService.Pack(file, Files.size(file), HexFormat.of().formatHex(pdfDigest.digest()),
                    "audit-sample-" + sample.schemeCode() + "-" + PackText.shortId(sample.id().toString()) + "-"
                            + language.code() + ".pdf", sample.dataDigest(), pages, Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a sample pack", e);
        } finally {
            if (!done && file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // the write failed already; a stray temporary file is the lesser problem
                }
            }
        }
    }

    private static String schemeName(PackText text, Sample sample) {
        return text.language() == PackLanguage.CY ? sample.schemeNameCy() : sample.schemeNameEn();
    }

    private static String organisationName(PackText text, Sample.Line line) {
        return text.language() == PackLanguage.CY ? line.organisationNameCy() : line.organisationNameEn();
    }

    private static void cover(DocumentWriter pdf, PackText text, Sample sample, String digestNow) {
        pdf.heading(text.get("section.cover"));
        pdf.paragraph(text.get("sample.generatedFor", schemeName(text, sample) + " (" + sample.schemeCode() + ") "
                + sample.financialYear()), TextStyle.BOLD);
        boolean unchanged = digestNow.equals(sample.dataDigest());
        pdf.keyValues(
                KeyValue.of(text.get("sample.id"), Cell.monospace(sample.id().toString())),
                KeyValue.of(text.get("sample.method"), text.get("sample.methodValue", sample.method())),
                KeyValue.of(text.get("sample.seed"), text.get(sample.seedGiven() ? "sample.seedGiven"
                        : "sample.seedRandom", Long.toString(sample.seed()))),
                KeyValue.of(text.get("sample.size"), String.valueOf(sample.size())),
                KeyValue.of(text.get("sample.linesSelected"), String.valueOf(sample.lines().size())),
                KeyValue.of(text.get("sample.populationLines"), String.valueOf(sample.populationLines())),
                KeyValue.of(text.get("sample.populationValue"), text.money(sample.populationValue())),
                KeyValue.of(text.get("sample.interval"), text.money(sample.samplingInterval())),
                KeyValue.of(text.get("sample.randomStart"), Long.toString(sample.randomStart())),
                KeyValue.of(text.get("sample.drawnBy"), sample.drawnBy()),
                KeyValue.of(text.get("sample.drawnAt"), text.time(sample.drawnAt())),
                KeyValue.of(text.get("sample.checkpoint"), sample.checkpoint()
                        .map(checkpoint -> text.get("cover.checkpointValue", checkpoint.sequence(),
                                text.time(checkpoint.at()), checkpoint.keyId()))
                        .orElse(text.get("sample.noCheckpoint"))),
                KeyValue.of(text.get("sample.digestNow"), Cell.status(unchanged ? text.get("sample.unchanged")
                        : text.get("sample.changed", digestNow), unchanged ? StatusStyle.PASS : StatusStyle.FAIL)));
        pdf.paragraph(text.get("sample.digest"), TextStyle.BOLD);
        pdf.paragraph(sample.dataDigest(), TextStyle.MONOSPACE);
        pdf.paragraph(text.get("sample.intro"));
    }

    private static void lines(DocumentWriter pdf, PackText text, Sample sample) {
        pdf.heading(text.get("sample.lines"));
        Table table = pdf.table(Column.right("#", ColumnWidth.points(30)),
                Column.left(text.get("column.organisation"), ColumnWidth.relative(3)),
                Column.left(text.get("column.claim"), ColumnWidth.relative(3)),
                Column.left(text.get("column.category"), ColumnWidth.relative(2)),
                Column.left(text.get("column.description"), ColumnWidth.relative(3)),
                Column.right(text.get("column.amount"), ColumnWidth.points(72)),
                Column.right(text.get("column.hits"), ColumnWidth.points(44)),
                Column.left(text.get("column.certain"), ColumnWidth.points(40)));
        for (Sample.Line line : sample.lines()) {
            table.row(Cell.of(String.valueOf(line.ordinal() + 1)),
                    Cell.of(organisationName(text, line) + " (" + line.organisationCode() + ")"),
                    Cell.of(text.date(line.periodStart()) + " – " + text.date(line.periodEnd()) + " ("
                            + PackText.shortId(line.claimId().toString()) + "), " + text.get("column.line") + " "
                            + (line.position() + 1)),
                    Cell.of(line.category()), Cell.of(line.description()), Cell.of(text.money(line.amount())),
                    Cell.of(String.valueOf(line.hits())),
                    Cell.of(text.get(line.certain() ? "sample.yes" : "sample.no")));
        }
    }

    private void evidence(DocumentWriter pdf, PackText text, Sample sample) throws IOException {
        pdf.heading(text.get("sample.evidence"));
        // a claim with several sampled lines has its documents listed and attached once
        Map<String, Sample.SampledEvidence> documents = new LinkedHashMap<>();
        Map<String, String> claimOf = new LinkedHashMap<>();
        for (Sample.Line line : sample.lines()) {
            for (Sample.SampledEvidence evidence : line.evidence()) {
                documents.putIfAbsent(evidence.id().toString(), evidence);
                claimOf.putIfAbsent(evidence.id().toString(), line.claimId().toString());
            }
        }
        if (documents.isEmpty()) {
            pdf.paragraph(text.get("sample.noEvidence"));
            return;
        }
        pdf.paragraph(text.get("evidence.attachmentNote", text.size(settings.maxAttachmentBytes())));
        Table table = pdf.table(Column.left(text.get("column.claim"), ColumnWidth.points(56)),
                Column.left(text.get("column.title"), ColumnWidth.relative(3)),
                Column.left(text.get("column.filename"), ColumnWidth.relative(3)),
                Column.right(text.get("column.size"), ColumnWidth.points(50)),
                Column.left(text.get("column.sha256"), ColumnWidth.relative(4)).withStyle(TextStyle.MONOSPACE),
                Column.left(text.get("column.attached"), ColumnWidth.relative(2)));
        Set<String> attached = new LinkedHashSet<>();
        for (Map.Entry<String, Sample.SampledEvidence> entry : documents.entrySet()) {
            Sample.SampledEvidence evidence = entry.getValue();
            boolean fits = evidence.size() <= settings.maxAttachmentBytes();
            if (fits) {
                attached.add(entry.getKey());
            }
            table.row(Cell.monospace(PackText.shortId(claimOf.get(entry.getKey()))), Cell.of(evidence.title()),
                    Cell.of(evidence.filename()), Cell.of(text.size(evidence.size())), Cell.monospace(evidence.sha256()),
                    Cell.of(!fits ? text.get("evidence.tooLarge", text.size(settings.maxAttachmentBytes()))
                            : evidence.superseded() ? text.get("sample.superseded") : text.get("evidence.attached")));
        }
        for (String id : attached) {
            Sample.SampledEvidence evidence = documents.get(id);
            pdf.attach(new Attachment(evidence.id() + "-" + evidence.filename(), evidence.mediaType(), evidence.title(),
                    AttachmentRelationship.SOURCE, evidence.uploadedAt(), evidence.uploadedAt(),
                    () -> storage.open(evidence.sha256())));
        }
    }

    /** The sample as data, for {@code sample.json}. */
    static Map<String, Object> json(Sample sample) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("format", "grants-sample/1");
        members.put("id", sample.id().toString());
        members.put("scheme_id", sample.schemeId().toString());
        members.put("method", sample.method());
        members.put("size", (long) sample.size());
        members.put("seed", Long.toString(sample.seed()));
        members.put("seed_given", sample.seedGiven());
        members.put("population_lines", (long) sample.populationLines());
        members.put("population_pence", sample.populationValue().pence());
        members.put("random_start", sample.randomStart());
        members.put("data_digest", sample.dataDigest());
        members.put("checkpoint_sequence", sample.checkpoint().map(Sample.SampleCheckpoint::sequence).orElse(null));
        members.put("checkpoint_digest", sample.checkpoint().map(Sample.SampleCheckpoint::digest).orElse(null));
        members.put("drawn_by", sample.drawnBy());
        members.put("drawn_at", sample.drawnAt().toString());
        List<Object> lines = new ArrayList<>();
        for (Sample.Line line : sample.lines()) {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("ordinal", (long) line.ordinal());
            member.put("claim_id", line.claimId().toString());
            member.put("position", (long) line.position());
            member.put("amount_pence", line.amount().pence());
            member.put("hits", (long) line.hits());
            member.put("first_unit", line.firstUnit());
            member.put("certain", line.certain());
            List<Object> evidence = new ArrayList<>();
            for (Sample.SampledEvidence document : line.evidence()) {
                evidence.add(Map.of("id", document.id().toString(), "filename", document.filename(),
                        "sha256", document.sha256()));
            }
            member.put("evidence", evidence);
            lines.add(member);
        }
        members.put("lines", lines);
        return members;
    }
}
