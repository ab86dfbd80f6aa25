package wales.gov.grants.samples;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import wales.gov.grants.audit.CanonicalJson;
import wales.gov.grants.kernel.Digests;
import wales.gov.grants.kernel.SchemeId;

import static java.util.Objects.requireNonNull;

/**
 * What a sample is drawn from: every line of the scheme's approved claims (status APPROVED or PAID: a paid claim was
 * approved first), at its amount as claimed, in a stable order: claim id (as lowercase text, which is PostgreSQL's
 * uuid order), then line position. Its digest is the lowercase hex SHA-256 of the UTF-8 canonical JSON of the audit
 * trail (docs/audit-trail.md), of {@code {"format": "grants-sample-population/1", "scheme_id": ..., "lines": [{
 * "claim_id", "position", "award_id", "organisation_id", "category", "description", "amount_pence"}, ...]}}, written
 * line by line so that a large population is never one string.
 */
record Population(SchemeId schemeId, List<PopulationLine> lines, String digest) {
    static final String FORMAT = "grants-sample-population/1";

    /** One statement, so one consistent snapshot, whatever the transaction's isolation. */
    private static final String LINES = """
            SELECT line.claim_id, line.position, line.category, line.description, line.amount_pence,
                   claim.award_id, award.organisation_id
            FROM claim_lines line
            JOIN claims claim ON claim.id = line.claim_id
            JOIN awards award ON award.id = claim.award_id
            WHERE award.scheme_id = :schemeId AND claim.status IN ('APPROVED', 'PAID')
            ORDER BY line.claim_id, line.position""";

    Population {
        requireNonNull(schemeId, "schemeId is null");
        lines = List.copyOf(lines);
        requireNonNull(digest, "digest is null");
    }

    record PopulationLine(UUID claimId, int position, String category, String description, long amountPence,
                          UUID awardId, UUID organisationId) {
    }

    static Population read(Handle handle, SchemeId schemeId) {
        List<PopulationLine> lines = handle.createQuery(LINES).bind("schemeId", schemeId.value())
                .map((row, context) -> new PopulationLine(row.getObject("claim_id", UUID.class), row.getInt("position"),
                        row.getString("category"), row.getString("description"), row.getLong("amount_pence"),
                        row.getObject("award_id", UUID.class), row.getObject("organisation_id", UUID.class)))
                .list();
        return new Population(schemeId, lines, digest(schemeId, lines));
    }

    long total() {
        long total = 0;
        for (PopulationLine line : lines) {
            total = Math.addExact(total, line.amountPence());
        }
        return total;
    }

    long[] amounts() {
        return lines.stream().mapToLong(PopulationLine::amountPence).toArray();
    }

    /** The digest of the canonical form: the members of the top object in code point order, then each line's. */
    static String digest(SchemeId schemeId, List<PopulationLine> lines) {
        MessageDigest sha256 = Digests.sha256();
        sha256.update(("{\"format\":" + CanonicalJson.write(FORMAT) + ",\"lines\":[")
                .getBytes(StandardCharsets.UTF_8));
        for (int index = 0; index < lines.size(); index++) {
            String member = (index == 0 ? "" : ",") + CanonicalJson.write(canonical(lines.get(index)));
            sha256.update(member.getBytes(StandardCharsets.UTF_8));
        }
        sha256.update(("],\"scheme_id\":" + CanonicalJson.write(schemeId.toString()) + "}")
                .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The whole canonical form as one value: for tests and for re-checking a small population by hand. */
    static Map<String, Object> canonical(SchemeId schemeId, List<PopulationLine> lines) {
        Map<String, Object> population = new LinkedHashMap<>();
        population.put("format", FORMAT);
        population.put("scheme_id", schemeId.toString());
        population.put("lines", lines.stream().map(Population::canonical).toList());
        return population;
    }

    private static Map<String, Object> canonical(PopulationLine line) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("claim_id", line.claimId().toString());
        member.put("position", (long) line.position());
        member.put("award_id", line.awardId().toString());
        member.put("organisation_id", line.organisationId().toString());
        member.put("category", line.category());
        member.put("description", line.description());
        member.put("amount_pence", line.amountPence());
        return member;
    }
}
