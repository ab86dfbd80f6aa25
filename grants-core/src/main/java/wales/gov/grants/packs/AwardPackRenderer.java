package wales.gov.grants.packs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.OutcomeTarget;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimAdjustment;
import wales.gov.grants.claims.ClaimLine;
import wales.gov.grants.claims.Payment;
import wales.gov.grants.evidence.Evidence;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.outcomes.OutcomeProgress;
import wales.gov.grants.outcomes.OutcomeReport;
import wales.gov.grants.pdf.Cell;
import wales.gov.grants.pdf.Column;
import wales.gov.grants.pdf.ColumnWidth;
import wales.gov.grants.pdf.DocumentWriter;
import wales.gov.grants.pdf.KeyValue;
import wales.gov.grants.pdf.StatusStyle;
import wales.gov.grants.pdf.Table;
import wales.gov.grants.pdf.TextStyle;
import wales.gov.grants.recoveries.Recovery;
import wales.gov.grants.schemes.Scheme;

import static java.util.Objects.requireNonNull;

/**
 * Writes the sections of one award's pack into a document, in the language of its {@link PackText}. In an award pack
 * each section is a level-1 heading; in a scheme pack the award is the heading and its sections are level 2.
 */
final class AwardPackRenderer {
    private final DocumentWriter pdf;
    private final PackText text;
    private final boolean nested;

    AwardPackRenderer(DocumentWriter pdf, PackText text, boolean nested) {
        this.pdf = requireNonNull(pdf, "pdf is null");
        this.text = requireNonNull(text, "text is null");
        this.nested = nested;
    }

    PackText text() {
        return text;
    }

    static String organisationName(PackText text, Organisation organisation) {
        return text.language() == PackLanguage.CY ? organisation.nameCy() : organisation.nameEn();
    }

    static String schemeName(PackText text, Scheme scheme) {
        return text.language() == PackLanguage.CY ? scheme.nameCy() : scheme.nameEn();
    }

    private void section(String key) {
        if (nested) {
            pdf.subheading(text.get(key));
        } else {
            pdf.heading(text.get(key));
        }
    }

    private void part(String title) {
        if (nested) {
            pdf.paragraph(title, TextStyle.BOLD);
        } else {
            pdf.subheading(title);
        }
    }

    void cover(AwardPackData data, ChainStatus chain, List<CheckResult> checks, String dataDigest) {
        Award award = data.award();
        section("section.cover");
        if (!nested) {
            pdf.paragraph(text.get("pack.generatedFor", organisationName(text, data.organisation()) + " – "
                    + schemeName(text, data.scheme()) + " " + data.scheme().financialYear()), TextStyle.BOLD);
        }
        long passed = checks.stream().filter(CheckResult::passed).count();

        List<KeyValue> entries = new ArrayList<>(List.of(
                KeyValue.of(text.get("cover.scheme"), schemeName(text, data.scheme()) + " (" + data.scheme().code()
                        + ")"),
                KeyValue.of(text.get("cover.financialYear"), data.scheme().financialYear().toString()),
                KeyValue.of(text.get("cover.award"), Cell.monospace(award.id().toString())),
                KeyValue.of(text.get("cover.organisation"), organisationName(text, data.organisation()) + " ("
                        + data.organisation().code() + ")"),
                KeyValue.of(text.get("cover.status"), text.get("awardStatus." + award.status().name())),
                KeyValue.of(text.get("cover.awarded"), text.money(award.amount())),
                KeyValue.of(text.get("cover.claimed"), text.money(data.claimed())),
                KeyValue.of(text.get("cover.approved"), text.money(award.approved())),
                KeyValue.of(text.get("cover.paid"), text.money(award.paid())),
                KeyValue.of(text.get("cover.recovered"), text.money(award.recovered())),
                award.underspendAtClose()
                        .map(underspend -> KeyValue.of(text.get("cover.underspend"), text.money(underspend)))
                        .orElse(KeyValue.of(text.get("cover.remaining"), text.money(award.remaining()))),
                KeyValue.of(text.get("cover.asOf"), text.time(data.asOf()))));
        entries.add(KeyValue.of(text.get("cover.checkpoint"), chain.checkpoint()
                .map(checkpoint -> text.get("cover.checkpointValue", checkpoint.sequence(),
                        text.time(checkpoint.at()), checkpoint.keyId()))
                .orElse(text.get("cover.noCheckpoint"))));
        entries.add(KeyValue.of(text.get("section.checks"), Cell.status(
                text.get("cover.checksSummary", passed, checks.size()),
                passed == checks.size() ? StatusStyle.PASS : StatusStyle.FAIL)));
        pdf.keyValues(entries);
        if (dataDigest != null) {
            digest(pdf, text, dataDigest);
        }
        if (!nested) {
            pdf.paragraph(text.get("cover.intro"));
        }
    }

    /** The data's digest on a line of its own, so that it reads (and extracts) as one word. */
    static void digest(DocumentWriter pdf, PackText text, String dataDigest) {
        pdf.paragraph(text.get("cover.digest"), TextStyle.BOLD);
        pdf.paragraph(dataDigest, TextStyle.MONOSPACE);
    }

    void checks(List<CheckResult> checks) {
        section("section.checks");
        pdf.paragraph(text.get("checks.intro"));
        Table table = pdf.table(Column.left(text.get("column.check"), ColumnWidth.relative(3)),
                Column.left(text.get("column.result"), ColumnWidth.points(62)),
                Column.left(text.get("column.reason"), ColumnWidth.relative(4)));
        for (CheckResult check : checks) {
            table.row(Cell.of(text.get("check." + check.check().name())),
                    Cell.status(text.get(check.passed() ? "result.PASS" : "result.FAIL"),
                            check.passed() ? StatusStyle.PASS : StatusStyle.FAIL),
                    Cell.of(text.get(check.reasonKey(), check.arguments().toArray())));
        }
    }

    void award(AwardPackData data) {
        Award award = data.award();
        PackDao.AwardPeople people = data.people();
        section("section.award");
        pdf.keyValues(
                KeyValue.of(text.get("award.createdBy"), byOn(people.createdBy(), award.createdAt())),
                KeyValue.of(text.get("award.offeredBy"), byOn(people.offeredBy(), award.offered().orElse(null))),
                KeyValue.of(text.get("award.acceptedBy"), byOn(people.acceptedBy(), award.accepted().orElse(null))),
                KeyValue.of(text.get(award.withdrawn().isPresent() ? "award.withdrawnBy" : "award.closedBy"),
                        award.withdrawn().isPresent()
                                ? byOn(people.withdrawnBy(), award.withdrawn().get())
                                : byOn(people.closedBy(), award.closed().orElse(null))));
        part(text.get("award.conditions"));
        if (award.conditions().isEmpty()) {
            pdf.paragraph(text.get("award.noConditions"));
        }
        for (int index = 0; index < award.conditions().size(); index++) {
            pdf.paragraph((index + 1) + ". " + award.conditions().get(index));
        }
        part(text.get("award.targets"));
        if (award.outcomeTargets().isEmpty()) {
            pdf.paragraph(text.get("award.noTargets"));
        } else {
            Table targets = pdf.table(Column.left(text.get("column.measure"), ColumnWidth.relative(2)),
                    Column.left(text.get("column.description"), ColumnWidth.relative(3)),
                    Column.right(text.get("column.target"), ColumnWidth.points(70)));
            for (OutcomeTarget target : award.outcomeTargets()) {
                targets.row(target.measure(), target.description(), text.number(target.target()));
            }
        }
        part(text.get("award.history"));
        steps(data.lifecycle(), false);
    }

    private String byOn(String username, java.time.Instant at) {
        return username == null || at == null ? text.get("award.notYet") : text.get("award.byOn", username, at);
    }

    private void steps(List<AwardPackData.Step> steps, boolean withNotes) {
        List<Column> columns = new ArrayList<>(List.of(
                Column.left(text.get("column.action"), ColumnWidth.relative(3)),
                Column.left(text.get("column.by"), ColumnWidth.relative(2)),
                Column.left(text.get("column.role"), ColumnWidth.relative(2)),
                Column.left(text.get("column.at"), ColumnWidth.relative(3))));
        if (withNotes) {
            columns.add(Column.left(text.get("column.note"), ColumnWidth.relative(4)));
        }
        Table table = pdf.table(columns);
        for (AwardPackData.Step step : steps) {
            List<Cell> cells = new ArrayList<>(List.of(Cell.of(text.get("action." + step.action().name())),
                    Cell.of(step.username() == null ? "–" : step.username()),
                    Cell.of(step.role() == null ? "–" : text.get("role." + step.role())),
                    Cell.of(text.time(step.at()))));
            if (withNotes) {
                List<String> notes = new ArrayList<>();
                step.onBehalfOfUsername().ifPresent(delegator -> notes.add(text.get("claims.onBehalfOf",
                        step.username(), delegator)));
                boolean approval = step.action() == AuditAction.CLAIM_APPROVED
                        || step.action() == AuditAction.CLAIM_FIRST_APPROVAL;
                step.noteText().ifPresent(note -> notes.add(approval ? text.get("claims.warningsAcknowledged", note)
                        : note));
                cells.add(Cell.of(String.join(" ", notes)));
            }
            table.row(cells);
        }
    }

    void claims(AwardPackData data) {
        section("section.claims");
        if (data.claims().isEmpty()) {
            pdf.paragraph(text.get("claims.none"));
            return;
        }
        for (AwardPackData.ClaimRecord record : data.claims()) {
            Claim claim = record.claim();
            part(text.get("claims.claim", claim.periodStart(), claim.periodEnd()) + " (" + PackText.shortId(
                    claim.id().toString()) + ")");
            pdf.paragraph(text.get("claims.summary", text.get("claimStatus." + claim.status().name()),
                    claim.amount(), claim.eligible(), claim.paid(), record.createdBy()));
            Table lines = pdf.table(Column.left(text.get("column.category"), ColumnWidth.relative(2)),
                    Column.left(text.get("column.description"), ColumnWidth.relative(4)),
                    Column.right(text.get("column.amount"), ColumnWidth.points(80)));
            for (ClaimLine line : claim.lines()) {
                lines.row(line.category(), line.description(), text.money(line.amount()));
            }
            if (!record.decisions().isEmpty()) {
                pdf.paragraph(text.get("claims.decisions"), TextStyle.BOLD);
                steps(record.decisions(), true);
            }
            if (!record.payments().isEmpty()) {
                pdf.paragraph(text.get("claims.payments"), TextStyle.BOLD);
                payments(record.payments(), false);
            }
            if (!record.adjustments().isEmpty()) {
                pdf.paragraph(text.get("claims.adjustments"), TextStyle.BOLD);
                Table adjustments = pdf.table(Column.right(text.get("column.amount"), ColumnWidth.points(70)),
                        Column.left(text.get("column.reason"), ColumnWidth.relative(3)),
                        Column.right(text.get("column.before"), ColumnWidth.points(70)),
                        Column.right(text.get("column.after"), ColumnWidth.points(70)),
                        Column.left(text.get("column.by"), ColumnWidth.relative(1)),
                        Column.left(text.get("column.at"), ColumnWidth.relative(2)));
                for (ClaimAdjustment adjustment : record.adjustments()) {
                    adjustments.row(text.money(adjustment.amount()), adjustment.reason(),
                            text.money(adjustment.eligibleBefore()), text.money(adjustment.eligibleAfter()),
                            adjustment.madeBy(), text.time(adjustment.madeAt()));
                }
            }
        }
    }

    private void payments(List<Payment> payments, boolean withClaim) {
        List<Column> columns = new ArrayList<>();
        if (withClaim) {
            columns.add(Column.left(text.get("column.claim"), ColumnWidth.points(60)));
        }
        columns.addAll(List.of(Column.right(text.get("column.amount"), ColumnWidth.points(80)),
                Column.left(text.get("column.paidOn"), ColumnWidth.relative(2)),
                Column.left(text.get("column.reference"), ColumnWidth.relative(2)),
                Column.left(text.get("column.recordedBy"), ColumnWidth.relative(2)),
                Column.left(text.get("column.at"), ColumnWidth.relative(3))));
        Table table = pdf.table(columns);
        for (Payment payment : payments) {
            List<Cell> cells = new ArrayList<>();
            if (withClaim) {
                cells.add(Cell.monospace(PackText.shortId(payment.claimId().toString())));
            }
            cells.addAll(List.of(Cell.of(text.money(payment.amount())), Cell.of(text.date(payment.paidOn())),
                    Cell.of(payment.reference()), Cell.of(payment.recordedBy()), Cell.of(text.time(payment.recordedAt()))));
            table.row(cells);
        }
    }

    void money(AwardPackData data) {
        section("section.money");
        part(text.get("money.payments"));
        List<Payment> payments = data.claims().stream().flatMap(record -> record.payments().stream())
                .sorted((left, right) -> left.paidOn().compareTo(right.paidOn()) != 0
                        ? left.paidOn().compareTo(right.paidOn())
                        : left.recordedAt().compareTo(right.recordedAt()))
                .toList();
        if (payments.isEmpty()) {
            pdf.paragraph(text.get("money.noPayments"));
        } else {
            payments(payments, true);
        }
        part(text.get("money.recoveries"));
        if (data.recoveries().isEmpty()) {
            pdf.paragraph(text.get("money.noRecoveries"));
            return;
        }
        Table recoveries = pdf.table(Column.left(text.get("column.claim"), ColumnWidth.points(60)),
                Column.right(text.get("column.raised"), ColumnWidth.points(70)),
                Column.right(text.get("column.received"), ColumnWidth.points(70)),
                Column.right(text.get("column.outstanding"), ColumnWidth.points(70)),
                Column.left(text.get("column.reason"), ColumnWidth.relative(3)),
                Column.left(text.get("column.at"), ColumnWidth.relative(2)));
        for (Recovery recovery : data.recoveries()) {
            recoveries.row(Cell.monospace(recovery.claim().map(claim -> PackText.shortId(claim.toString())).orElse("–")),
                    Cell.of(text.money(recovery.amount())), Cell.of(text.money(recovery.received())),
                    Cell.of(text.money(recovery.outstanding())), Cell.of(recovery.reason()),
                    Cell.of(text.time(recovery.raisedAt())));
        }
        List<Recovery.Receipt> receipts = data.recoveries().stream().flatMap(recovery -> recovery.receipts().stream())
                .toList();
        if (!receipts.isEmpty()) {
            pdf.paragraph(text.get("money.receipts"), TextStyle.BOLD);
            Table table = pdf.table(Column.right(text.get("column.amount"), ColumnWidth.points(80)),
                    Column.left(text.get("column.receivedOn"), ColumnWidth.relative(2)),
                    Column.left(text.get("column.reference"), ColumnWidth.relative(2)),
                    Column.left(text.get("column.recordedBy"), ColumnWidth.relative(2)),
                    Column.left(text.get("column.at"), ColumnWidth.relative(3)));
            for (Recovery.Receipt receipt : receipts) {
                table.row(text.money(receipt.amount()), text.date(receipt.receivedOn()), receipt.reference(),
                        receipt.recordedBy(), text.time(receipt.recordedAt()));
            }
        }
    }

    void outcomes(AwardPackData data) {
        section("section.outcomes");
        if (data.outcomes().isEmpty()) {
            pdf.paragraph(text.get("outcomes.none"));
            return;
        }
        for (OutcomeProgress progress : data.outcomes()) {
            part(progress.target().measure() + ": " + progress.target().description());
            pdf.paragraph(text.get("outcomes.total", progress.total(), progress.target().target(),
                    progress.variance()));
            if (progress.reports().isEmpty()) {
                pdf.paragraph(text.get("outcomes.noReports"));
                continue;
            }
            Table table = pdf.table(Column.left(text.get("column.periodEnd"), ColumnWidth.relative(2)),
                    Column.right(text.get("column.value"), ColumnWidth.points(70)),
                    Column.left(text.get("column.outcomeNote"), ColumnWidth.relative(3)),
                    Column.left(text.get("column.by"), ColumnWidth.relative(2)),
                    Column.left(text.get("column.counts"), ColumnWidth.points(60)));
            for (OutcomeReport report : progress.reports()) {
                table.row(text.date(report.periodEnd()), text.number(report.value()),
                        report.note() == null ? "" : report.note(), report.reportedBy(),
                        text.get(progress.counts(report) ? "outcomes.yes" : "outcomes.no"));
            }
        }
    }

    /** @param attached for each evidence row, in order, the key of its attachment's status */
    void evidence(AwardPackData data, List<String> attached, long maxAttachmentBytes) {
        section("section.evidence");
        if (data.evidence().isEmpty()) {
            pdf.paragraph(text.get("evidence.none"));
            return;
        }
        pdf.paragraph(text.get("evidence.attachmentNote", text.size(maxAttachmentBytes)));
        Table table = pdf.table(Column.left(text.get("column.title"), ColumnWidth.relative(3)),
                Column.left(text.get("column.filename"), ColumnWidth.relative(3)),
                Column.left(text.get("column.mediaType"), ColumnWidth.relative(2)),
                Column.right(text.get("column.size"), ColumnWidth.points(50)),
                Column.left(text.get("column.uploadedBy"), ColumnWidth.relative(2)),
                Column.left(text.get("column.sha256"), ColumnWidth.relative(4)).withStyle(TextStyle.MONOSPACE),
                Column.left(text.get("column.attached"), ColumnWidth.relative(2)));
        Iterator<String> status = attached.iterator();
        for (Evidence evidence : data.evidence()) {
            table.row(Cell.of(evidence.title()), Cell.of(evidence.filename()),
                    Cell.of(evidence.mediaType().mediaType()), Cell.of(text.size(evidence.size())),
                    Cell.of(evidence.uploadedByUsername() + ", " + text.time(evidence.uploadedAt())),
                    Cell.monospace(evidence.sha256()), Cell.of(status.next()));
        }
    }

    /** The trail, oldest first, streamed: the caller's iterator reads events as the table is laid out. */
    void trail(ChainStatus chain, long events, Iterator<TrailRow> rows) throws IOException {
        section("section.trail");
        String verdict = chain.valid() && chain.checkpoint().isPresent()
                ? text.get("trail.valid", events, chain.checkpoint().get().sequence())
                : chain.firstBrokenEventId().isPresent()
                ? text.get("trail.invalid", chain.firstBrokenEventId().getAsLong())
                : text.get("check.noCheckpoint", events);
        pdf.paragraph(text.get("trail.verified", verdict), TextStyle.BOLD);
        if (events == 0) {
            pdf.paragraph(text.get("trail.none"));
            return;
        }
        Table table = pdf.table(Column.right("#", ColumnWidth.points(34)),
                Column.left(text.get("column.at"), ColumnWidth.relative(3)),
                Column.left(text.get("column.action"), ColumnWidth.relative(3)),
                Column.left(text.get("column.by"), ColumnWidth.relative(2)),
                Column.left(text.get("column.object"), ColumnWidth.relative(2)),
                Column.left(text.get("column.hash"), ColumnWidth.relative(5)).withStyle(TextStyle.MONOSPACE));
        while (rows.hasNext()) {
            TrailRow row = rows.next();
            table.row(Cell.of(String.valueOf(row.position())), Cell.of(text.time(row.at())),
                    Cell.of(text.get("action." + row.action())),
                    Cell.of(row.username() == null ? "–" : row.username() + (row.role() == null ? ""
                            : " (" + text.get("role." + row.role()) + ")")),
                    Cell.of(row.objectType() + (row.objectId() == null ? "" : " " + PackText.shortId(row.objectId()))),
                    Cell.monospace(row.hash()));
        }
    }

    /** One line of the trail table. */
    record TrailRow(long position, java.time.Instant at, String action, String username, String role,
                    String objectType, String objectId, String hash) {
    }
}
