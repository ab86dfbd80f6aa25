package wales.gov.grants.packs;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.OutcomeTarget;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimAdjustment;
import wales.gov.grants.claims.ClaimLine;
import wales.gov.grants.claims.Payment;
import wales.gov.grants.evidence.Evidence;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.outcomes.OutcomeProgress;
import wales.gov.grants.outcomes.OutcomeReport;
import wales.gov.grants.recoveries.Recovery;
import wales.gov.grants.schemes.Scheme;

import static java.util.Objects.requireNonNull;

/**
 * Writes {@code pack-data.json}, the machine-readable data a pack was built from, as it is read: the award's records,
 * the certification results, every audit event with its canonical content and hash, and the signed checkpoint, so
 * that an auditor's own tool can re-check the pack offline (docs/audit-trail.md says how). Member order is fixed,
 * money is a decimal string, times are ISO-8601 UTC and absent values are {@code null}, so the same data gives the
 * same bytes; the cover prints their SHA-256.
 */
final class PackDataJson implements AutoCloseable {
    static final String FORMAT = "grants-audit-pack/1";
    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator json;

    PackDataJson(OutputStream output) throws IOException {
        this.json = FACTORY.createGenerator(requireNonNull(output, "output is null"), JsonEncoding.UTF8);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    JsonGenerator generator() {
        return json;
    }

    void startDocument(String kind) throws IOException {
        json.writeStartObject();
        json.writeStringField("format", FORMAT);
        json.writeStringField("kind", kind);
    }

    void endDocument() throws IOException {
        json.writeEndObject();
        json.flush();
    }

    void scheme(Scheme scheme) throws IOException {
        json.writeObjectFieldStart("scheme");
        json.writeStringField("id", scheme.id().toString());
        json.writeStringField("code", scheme.code());
        json.writeStringField("nameEn", scheme.nameEn());
        json.writeStringField("nameCy", scheme.nameCy());
        json.writeStringField("financialYear", scheme.financialYear().toString());
        money("budget", scheme.budget());
        money("dualApprovalThreshold", scheme.dualApprovalThreshold());
        json.writeEndObject();
    }

    /** Everything of one award but its events, which {@link #event} streams after it. */
    void award(AwardPackData data, List<CheckResult> checks) throws IOException {
        Award award = data.award();
        json.writeStringField("asOf", instant(data.asOf()));
        Organisation organisation = data.organisation();
        json.writeObjectFieldStart("organisation");
        json.writeStringField("id", organisation.id().toString());
        json.writeStringField("code", organisation.code());
        json.writeStringField("nameEn", organisation.nameEn());
        json.writeStringField("nameCy", organisation.nameCy());
        json.writeStringField("type", organisation.type().name());
        json.writeEndObject();

        json.writeObjectFieldStart("award");
        json.writeStringField("id", award.id().toString());
        json.writeStringField("status", award.status().name());
        money("amount", award.amount());
        money("claimed", award.claimed());
        money("approved", award.approved());
        money("paid", award.paid());
        money("recovered", award.recovered());
        json.writeStringField("underspendAtClose", award.underspendAtClose().map(Money::toDecimalString).orElse(null));
        json.writeStringField("createdBy", data.people().createdBy());
        json.writeStringField("createdAt", instant(award.createdAt()));
        json.writeStringField("offeredBy", data.people().offeredBy());
        json.writeStringField("offeredAt", instant(award.offered().orElse(null)));
        json.writeStringField("acceptedBy", data.people().acceptedBy());
        json.writeStringField("acceptedAt", instant(award.accepted().orElse(null)));
        json.writeStringField("closedBy", data.people().closedBy());
        json.writeStringField("closedAt", instant(award.closed().orElse(null)));
        json.writeStringField("withdrawnBy", data.people().withdrawnBy());
        json.writeStringField("withdrawnAt", instant(award.withdrawn().orElse(null)));
        json.writeArrayFieldStart("conditions");
        for (String condition : award.conditions()) {
            json.writeString(condition);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("outcomeTargets");
        for (OutcomeTarget target : award.outcomeTargets()) {
            json.writeStartObject();
            json.writeStringField("measure", target.measure());
            json.writeStringField("description", target.description());
            decimal("target", target.target());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();

        json.writeArrayFieldStart("claims");
        for (AwardPackData.ClaimRecord record : data.claims()) {
            claim(record);
        }
        json.writeEndArray();

        json.writeArrayFieldStart("recoveries");
        for (Recovery recovery : data.recoveries()) {
            json.writeStartObject();
            json.writeStringField("id", recovery.id().toString());
            json.writeStringField("claimId", recovery.claim().map(Object::toString).orElse(null));
            money("amount", recovery.amount());
            money("received", recovery.received());
            json.writeStringField("reason", recovery.reason());
            json.writeStringField("raisedBy", recovery.raisedBy());
            json.writeStringField("raisedAt", instant(recovery.raisedAt()));
            json.writeArrayFieldStart("receipts");
            for (Recovery.Receipt receipt : recovery.receipts()) {
                json.writeStartObject();
                json.writeStringField("id", receipt.id().toString());
                money("amount", receipt.amount());
                json.writeStringField("receivedOn", date(receipt.receivedOn()));
                json.writeStringField("reference", receipt.reference());
                json.writeStringField("recordedBy", receipt.recordedBy());
                json.writeStringField("recordedAt", instant(receipt.recordedAt()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();

        json.writeArrayFieldStart("outcomes");
        for (OutcomeProgress progress : data.outcomes()) {
            json.writeStartObject();
            json.writeStringField("measure", progress.target().measure());
            decimal("target", progress.target().target());
            decimal("total", progress.total());
            decimal("variance", progress.variance());
            json.writeArrayFieldStart("reports");
            for (OutcomeReport report : progress.reports()) {
                json.writeStartObject();
                json.writeStringField("id", report.id().toString());
                json.writeStringField("periodEnd", date(report.periodEnd()));
                decimal("value", report.value());
                json.writeStringField("note", report.note());
                json.writeStringField("reportedBy", report.reportedBy());
                json.writeStringField("reportedAt", instant(report.reportedAt()));
                json.writeBooleanField("counts", progress.counts(report));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();

        json.writeArrayFieldStart("evidence");
        for (Evidence evidence : data.evidence()) {
            json.writeStartObject();
            json.writeStringField("id", evidence.id().toString());
            json.writeStringField("claimId", evidence.claim().map(Object::toString).orElse(null));
            json.writeStringField("title", evidence.title());
            json.writeStringField("filename", evidence.filename());
            json.writeStringField("mediaType", evidence.mediaType().mediaType());
            json.writeNumberField("size", evidence.size());
            json.writeStringField("sha256", evidence.sha256());
            json.writeStringField("status", evidence.status().name());
            json.writeStringField("uploadedBy", evidence.uploadedByUsername());
            json.writeStringField("uploadedAt", instant(evidence.uploadedAt()));
            json.writeEndObject();
        }
        json.writeEndArray();

        json.writeArrayFieldStart("certification");
        for (CheckResult check : checks) {
            json.writeStartObject();
            json.writeStringField("check", check.check().name());
            json.writeStringField("result", check.passed() ? "PASS" : "FAIL");
            json.writeStringField("reason", check.reasonKey());
            json.writeArrayFieldStart("values");
            for (Object value : check.arguments()) {
                json.writeString(value instanceof Money money ? money.toDecimalString()
                        : value instanceof Certification.ClaimReference claim ? claim.id().toString()
                        : String.valueOf(value));
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void claim(AwardPackData.ClaimRecord record) throws IOException {
        Claim claim = record.claim();
        json.writeStartObject();
        json.writeStringField("id", claim.id().toString());
        json.writeStringField("periodStart", date(claim.periodStart()));
        json.writeStringField("periodEnd", date(claim.periodEnd()));
        json.writeStringField("status", claim.status().name());
        money("amount", claim.amount());
        money("eligible", claim.eligible());
        money("paid", claim.paid());
        json.writeStringField("createdBy", record.createdBy());
        json.writeStringField("submittedBy", record.submittedBy());
        json.writeArrayFieldStart("lines");
        for (ClaimLine line : claim.lines()) {
            json.writeStartObject();
            json.writeStringField("category", line.category());
            json.writeStringField("description", line.description());
            money("amount", line.amount());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("decisions");
        for (AwardPackData.Step step : record.decisions()) {
            json.writeStartObject();
            json.writeNumberField("eventId", step.eventId());
            json.writeStringField("action", step.action().name());
            json.writeStringField("by", step.username());
            json.writeStringField("role", step.role());
            json.writeStringField("at", instant(step.at()));
            json.writeStringField("note", step.note());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("payments");
        for (Payment payment : record.payments()) {
            json.writeStartObject();
            json.writeStringField("id", payment.id().toString());
            money("amount", payment.amount());
            json.writeStringField("paidOn", date(payment.paidOn()));
            json.writeStringField("reference", payment.reference());
            json.writeStringField("recordedBy", payment.recordedBy());
            json.writeStringField("recordedAt", instant(payment.recordedAt()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("adjustments");
        for (ClaimAdjustment adjustment : record.adjustments()) {
            json.writeStartObject();
            json.writeStringField("id", adjustment.id().toString());
            money("amount", adjustment.amount());
            json.writeStringField("reason", adjustment.reason());
            money("eligibleBefore", adjustment.eligibleBefore());
            money("eligibleAfter", adjustment.eligibleAfter());
            json.writeStringField("madeBy", adjustment.madeBy());
            json.writeStringField("madeAt", instant(adjustment.madeAt()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /**
     * One audit event: the canonical content its hash covers, exactly as docs/audit-trail.md defines it, so that an
     * auditor recomputes the hash without our code, and the hashes that chain it.
     */
    void event(long id, long position, String canonicalContent, String previousHash, String hash) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", id);
        json.writeNumberField("chainPosition", position);
        json.writeStringField("previousHash", previousHash);
        json.writeStringField("hash", hash);
        json.writeStringField("canonical", canonicalContent);
        json.writeEndObject();
    }

    void checkpoint(ChainStatus.SignedCheckpoint checkpoint, String signedMessage) throws IOException {
        json.writeObjectFieldStart("checkpoint");
        json.writeNumberField("sequence", checkpoint.sequence());
        json.writeStringField("at", instant(checkpoint.at()));
        json.writeStringField("keyId", checkpoint.keyId());
        json.writeNumberField("chainLength", checkpoint.chainLength());
        json.writeStringField("headHash", checkpoint.headHash());
        json.writeStringField("signature", checkpoint.signature());
        json.writeStringField("signedMessage", signedMessage);
        json.writeEndObject();
    }

    private void money(String field, Money value) throws IOException {
        json.writeStringField(field, value == null ? null : value.toDecimalString());
    }

    private void decimal(String field, BigDecimal value) throws IOException {
        json.writeStringField(field, value == null ? null : value.toPlainString());
    }

    static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
