package wales.gov.grants.testing;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.awards.Award;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.outcomes.NewOutcomeReport;
import wales.gov.grants.wiring.GrantsServices;

import static java.util.Objects.requireNonNull;

/**
 * Fills an active award with thousands of claims and their audit events in a few SQL statements, for the scale
 * benchmark of audit packs and its small version in the suite. Through the services each claim costs four to six
 * transactions, and they refuse what a large award needs: claims of one award may not overlap, so an award holds at
 * most 366 live claims a year. These rows respect every constraint and trigger of the schema (the audit events are
 * chained by the insert trigger like any other) and the award's and scheme's running totals; only that service rule
 * is broken, since claim {@code n} covers day {@code (n - 1) mod 366} of 2019-20.
 *
 * <p>Claim {@code n}: one line, two when {@code n} is a multiple of 3; 5% rejected, 5% queried and submitted again,
 * 10% approved and the rest paid; approved and paid claims have an evidence file (one of a few small CSV files,
 * shared by the award's claims and the award's own: the same file under two awards is double funding), and two approvals (by different officers) at or above the dual approval threshold; every hundredth
 * approved claim has an adjustment. The events are created, evidence uploaded, submitted, queried or rejected, first
 * approval, approved, paid and adjusted, 10 seconds of time per claim from a minute after now on the clock, which is
 * moved past them. The recipient also reports the award's first outcome target, through the service.
 */
public final class BulkClaims {
    private static final int EVIDENCE_FILES = 24;
    private static final Duration CLAIM_SPACING = Duration.ofSeconds(10);

    private final Jdbi jdbi;
    private final TestClock clock;
    private final EvidenceStorage storage;
    private final List<StoredFile> files = new ArrayList<>();

    private record StoredFile(String sha256, long size) {
    }

    /** Who makes the claims (the award's recipient) and the two finance officers who decide them. */
    public record People(Actor recipient, Actor firstOfficer, Actor secondOfficer) {
        public People {
            requireNonNull(recipient, "recipient is null");
            requireNonNull(firstOfficer, "firstOfficer is null");
            requireNonNull(secondOfficer, "secondOfficer is null");
        }
    }

    /** What a fill made: the claims by status, evidence rows and audit events it added. */
    public record Filled(int claims, int paid, int approved, int submitted, int rejected, int evidence,
                         long events) {
    }

    public BulkClaims(Jdbi jdbi, TestClock clock, EvidenceStorage storage) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.storage = requireNonNull(storage, "storage is null");
    }

    /** The amount an award needs for {@code claims} claims: more than the largest claims could add up to. */
    public static String awardAmountFor(int claims) {
        return new BigDecimal(claims).multiply(new BigDecimal("850.00")).toPlainString();
    }

    public Filled fill(GrantsServices services, Award award, People people, int claims) {
        if (claims < 1) {
            throw new IllegalArgumentException("claims must be positive");
        }
        storeFiles(award);
        Instant start = clock.instant().plus(Duration.ofMinutes(1));
        Filled filled = jdbi.inTransaction(handle -> insert(handle, award, people, claims, start));
        clock.set(start.plus(CLAIM_SPACING.multipliedBy(claims + 1L)).plus(Duration.ofHours(1)));
        award.outcomeTargets().stream().findFirst().ifPresent(target -> services.outcomes().report(
                people.recipient(), award.id(), new NewOutcomeReport(target.measure(), "2020-03-31",
                        new BigDecimal(claims / 10), "Reported with the year's last claims")));
        return filled;
    }

    private void storeFiles(Award award) {
        files.clear();
        for (int file = 0; file < EVIDENCE_FILES; file++) {
            StringBuilder csv = new StringBuilder("date,payee reference,category,amount,award\n");
            for (int row = 0; row < 20 + file * 7; row++) {
                csv.append("2019-").append(String.format("%02d", 4 + row % 9)).append('-')
                        .append(String.format("%02d", 1 + row % 28)).append(",CL-").append(file * 1000 + row)
                        .append(",Direct support,").append(10 + (row * 37 + file) % 400).append(".00,")
                        .append(award.id()).append('\n');
            }
            byte[] content = csv.toString().getBytes(StandardCharsets.UTF_8);
            EvidenceStorage.StagedFile staged = storage.receive(new ByteArrayInputStream(content), (head, length) -> {
            });
            storage.place(staged);
            files.add(new StoredFile(staged.sha256(), staged.size()));
        }
    }

    private Filled insert(Handle handle, Award award, People people, int claims, Instant start) {
        long threshold = handle.createQuery("SELECT dual_approval_threshold_pence FROM schemes WHERE id = :scheme")
                .bind("scheme", award.schemeId().value()).mapTo(Long.class).one();
        long eventsBefore = handle.createQuery("SELECT count(*) FROM audit_events WHERE award_id = :award")
                .bind("award", award.id().value()).mapTo(Long.class).one();
        handle.createUpdate("""
                        CREATE TEMPORARY TABLE bulk_claims ON COMMIT DROP AS
                        SELECT n, id, evidence_id, payment_id, day, status, line1, line2, amount,
                               amount >= :threshold AS dual,
                               status = 'APPROVED' AND n % 100 = 17 AS adjusted,
                               CASE WHEN status IN ('APPROVED', 'PAID')
                                    THEN amount - CASE WHEN status = 'APPROVED' AND n % 100 = 17 THEN 500 ELSE 0 END
                                    ELSE 0 END AS eligible,
                               CASE WHEN status = 'PAID' THEN amount ELSE 0 END AS paid,
                               at
                        FROM (SELECT n, gen_random_uuid() AS id, gen_random_uuid() AS evidence_id,
                                     gen_random_uuid() AS payment_id,
                                     date '2019-04-01' + ((n - 1) % 366) AS day,
                                     CASE WHEN n % 20 = 9 THEN 'REJECTED' WHEN n % 20 = 19 THEN 'SUBMITTED'
                                          WHEN n % 10 = 7 THEN 'APPROVED' ELSE 'PAID' END AS status,
                                     line1, line2, line1 + coalesce(line2, 0) AS amount,
                                     CAST(:start AS timestamptz) + n * interval '10 seconds' AS at
                              FROM (SELECT n, (2000 + (n * 7919) % 60000)::bigint AS line1,
                                           CASE WHEN n % 3 = 0 THEN (1000 + (n * 104729) % 20000)::bigint END AS line2
                                    FROM generate_series(1, :claims) AS n) AS amounts) AS claims""")
                .bind("threshold", threshold).bind("start", Timestamp.from(start)).bind("claims", claims)
                .execute();
        Map<String, Object> ids = Map.of("award", award.id().value(), "recipient", people.recipient().userId().value(),
                "first", people.firstOfficer().userId().value(), "second", people.secondOfficer().userId().value());
        update(handle, """
                INSERT INTO claims (id, award_id, period_start, period_end, status, amount_pence, eligible_pence,
                                    paid_pence, created_by, created_at, submitted_by, submitted_at, decided_by,
                                    decided_at, rejection_reason)
                SELECT id, :award, day, day, status, amount, eligible, paid, :recipient, at, :recipient,
                       at + CASE WHEN n % 20 = 19 THEN interval '5 seconds' ELSE interval '2 seconds' END,
                       CASE WHEN status = 'SUBMITTED' THEN NULL WHEN dual AND status <> 'REJECTED' THEN :second
                            ELSE :first END,
                       CASE WHEN status = 'SUBMITTED' THEN NULL ELSE at + interval '4 seconds' END,
                       CASE WHEN status = 'REJECTED' THEN 'Spending outside the purpose of the grant' END
                FROM bulk_claims ORDER BY n""", ids);
        handle.execute("""
                INSERT INTO claim_lines (claim_id, position, category, description, amount_pence)
                SELECT id, 0, 'Direct support', 'Payments to care leavers, claim ' || n, line1 FROM bulk_claims
                UNION ALL
                SELECT id, 1, 'Administration', 'Processing and bank charges', line2 FROM bulk_claims
                WHERE line2 IS NOT NULL""");
        update(handle, """
                INSERT INTO claim_approvals (claim_id, approver_id, approved_at)
                SELECT id, :first, at + CASE WHEN dual THEN interval '3 seconds' ELSE interval '4 seconds' END
                FROM bulk_claims WHERE status IN ('APPROVED', 'PAID')
                UNION ALL
                SELECT id, :second, at + interval '4 seconds' FROM bulk_claims
                WHERE status IN ('APPROVED', 'PAID') AND dual""", ids);
        update(handle, """
                INSERT INTO payments (id, claim_id, amount_pence, paid_on, reference, recorded_by, recorded_at)
                SELECT payment_id, id, paid, CAST((at + interval '5 seconds') AT TIME ZONE 'UTC' AS date),
                       'BACS-' || n, :second, at + interval '5 seconds'
                FROM bulk_claims WHERE status = 'PAID'""", ids);
        update(handle, """
                INSERT INTO claim_adjustments (claim_id, amount_pence, reason, eligible_before_pence,
                                               eligible_after_pence, made_by, made_at)
                SELECT id, 500, 'A receipt was counted twice', amount, amount - 500, :first, at + interval '6 seconds'
                FROM bulk_claims WHERE adjusted""", ids);
        String[] hashes = files.stream().map(StoredFile::sha256).toArray(String[]::new);
        Long[] sizes = files.stream().map(StoredFile::size).toArray(Long[]::new);
        handle.createUpdate("""
                        INSERT INTO evidence (id, award_id, claim_id, title, filename, media_type, size_bytes, sha256,
                                              uploaded_by, uploaded_at)
                        SELECT evidence_id, :award, id, 'Receipts for claim ' || n, 'receipts-' || n || '.csv',
                               'text/csv', (CAST(:sizes AS bigint[]))[1 + n % :files],
                               (CAST(:hashes AS text[]))[1 + n % :files], :recipient, at + interval '1 second'
                        FROM bulk_claims WHERE status IN ('APPROVED', 'PAID')""")
                .bindMap(ids).bind("hashes", hashes).bind("sizes", sizes).bind("files", files.size()).execute();
        handle.execute("""
                CREATE OR REPLACE FUNCTION pg_temp.pounds(pence bigint) RETURNS text LANGUAGE sql IMMUTABLE
                AS $$ SELECT to_char(pence / 100.0, 'FM999999999990.00') $$""");
        handle.createUpdate("""
                        WITH actors (code, id, username, role, organisation_id) AS (VALUES
                                 ('r', CAST(:recipient AS uuid), :recipientName, 'RECIPIENT',
                                  CAST(:organisation AS uuid)),
                                 ('f1', CAST(:first AS uuid), :firstName, 'FINANCE_OFFICER', NULL),
                                 ('f2', CAST(:second AS uuid), :secondName, 'FINANCE_OFFICER', NULL)),
                             steps (occurred_at, step, actor, action, object_type, object_id, before_state, after_state,
                                    details) AS (
                                 SELECT at, 0, 'r', 'CLAIM_CREATED', 'claim', id::text, NULL::jsonb,
                                        jsonb_build_object('status', 'DRAFT', 'amount', pg_temp.pounds(amount)),
                                        NULL::jsonb
                                 FROM bulk_claims
                                 UNION ALL
                                 SELECT at + interval '1 second', 1, 'r', 'EVIDENCE_UPLOADED', 'evidence',
                                        evidence_id::text, NULL, jsonb_build_object('claimId', id::text,
                                        'filename', 'receipts-' || n || '.csv', 'mediaType', 'text/csv'), NULL
                                 FROM bulk_claims WHERE status IN ('APPROVED', 'PAID')
                                 UNION ALL
                                 SELECT at + interval '2 seconds', 2, 'r', 'CLAIM_SUBMITTED', 'claim', id::text,
                                        jsonb_build_object('status', 'DRAFT'), jsonb_build_object('status', 'SUBMITTED',
                                        'amount', pg_temp.pounds(amount)), NULL
                                 FROM bulk_claims
                                 UNION ALL
                                 SELECT at + interval '3 seconds', 3, 'f1', 'CLAIM_QUERIED', 'claim', id::text,
                                        jsonb_build_object('status', 'SUBMITTED'), jsonb_build_object('status',
                                        'QUERIED', 'question', 'Which care leavers does the second line cover?'), NULL
                                 FROM bulk_claims WHERE n % 20 = 19
                                 UNION ALL
                                 SELECT at + interval '5 seconds', 5, 'r', 'CLAIM_SUBMITTED', 'claim', id::text,
                                        jsonb_build_object('status', 'QUERIED'), jsonb_build_object('status',
                                        'SUBMITTED', 'amount', pg_temp.pounds(amount)), NULL
                                 FROM bulk_claims WHERE n % 20 = 19
                                 UNION ALL
                                 SELECT at + interval '4 seconds', 4, 'f1', 'CLAIM_REJECTED', 'claim', id::text,
                                        jsonb_build_object('status', 'SUBMITTED'), jsonb_build_object('status',
                                        'REJECTED', 'reason', 'Spending outside the purpose of the grant'), NULL
                                 FROM bulk_claims WHERE status = 'REJECTED'
                                 UNION ALL
                                 SELECT at + interval '3 seconds', 3, 'f1', 'CLAIM_FIRST_APPROVAL', 'claim', id::text,
                                        jsonb_build_object('status', 'SUBMITTED'), jsonb_build_object('status',
                                        'SUBMITTED', 'approvals', jsonb_build_array(:firstName)), NULL
                                 FROM bulk_claims WHERE status IN ('APPROVED', 'PAID') AND dual
                                 UNION ALL
                                 SELECT at + interval '4 seconds', 4, CASE WHEN dual THEN 'f2' ELSE 'f1' END,
                                        'CLAIM_APPROVED', 'claim', id::text, jsonb_build_object('status', 'SUBMITTED'),
                                        jsonb_build_object('status', 'APPROVED', 'eligible', pg_temp.pounds(amount)),
                                        NULL
                                 FROM bulk_claims WHERE status IN ('APPROVED', 'PAID')
                                 UNION ALL
                                 SELECT at + interval '5 seconds', 5, 'f2', 'PAYMENT_RECORDED', 'payment',
                                        payment_id::text, jsonb_build_object('status', 'APPROVED', 'paid', '0.00'),
                                        jsonb_build_object('status', 'PAID', 'paid', pg_temp.pounds(paid)),
                                        jsonb_build_object('claimId', id::text, 'amount', pg_temp.pounds(paid),
                                        'reference', 'BACS-' || n)
                                 FROM bulk_claims WHERE status = 'PAID'
                                 UNION ALL
                                 SELECT at + interval '6 seconds', 6, 'f1', 'CLAIM_ADJUSTED', 'claim', id::text,
                                        jsonb_build_object('eligible', pg_temp.pounds(amount)),
                                        jsonb_build_object('eligible', pg_temp.pounds(eligible)),
                                        jsonb_build_object('amount', '5.00', 'reason', 'A receipt was counted twice')
                                 FROM bulk_claims WHERE adjusted)
                        INSERT INTO audit_events (occurred_at, actor_user_id, actor_username, actor_role,
                                                  actor_organisation_id, action, object_type, object_id, scheme_id,
                                                  award_id, before_state, after_state, details)
                        SELECT steps.occurred_at, actors.id, actors.username, actors.role, actors.organisation_id,
                               steps.action, steps.object_type, steps.object_id, :scheme, :award, steps.before_state,
                               steps.after_state, steps.details
                        FROM steps JOIN actors ON actors.code = steps.actor
                        ORDER BY steps.occurred_at, steps.step, steps.object_id""")
                .bindMap(ids).bind("recipientName", people.recipient().username())
                .bind("firstName", people.firstOfficer().username())
                .bind("secondName", people.secondOfficer().username())
                .bind("organisation", award.organisationId().value()).bind("scheme", award.schemeId().value())
                .execute();
        update(handle, """
                UPDATE awards SET
                    claimed_pence = claimed_pence + (SELECT sum(amount) FROM bulk_claims WHERE status <> 'REJECTED'),
                    approved_pence = approved_pence + (SELECT sum(eligible) FROM bulk_claims),
                    paid_pence = paid_pence + (SELECT sum(paid) FROM bulk_claims)
                WHERE id = :award""", ids);
        update(handle, """
                UPDATE schemes SET
                    approved_pence = approved_pence + (SELECT sum(eligible) FROM bulk_claims),
                    paid_pence = paid_pence + (SELECT sum(paid) FROM bulk_claims)
                WHERE id = (SELECT scheme_id FROM awards WHERE id = :award)""", ids);
        Map<String, Integer> byStatus = new java.util.HashMap<>();
        handle.createQuery("SELECT status, count(*) FROM bulk_claims GROUP BY status")
                .map((row, context) -> Map.entry(row.getString(1), row.getInt(2)))
                .forEach(entry -> byStatus.put(entry.getKey(), entry.getValue()));
        long eventsAfter = handle.createQuery("SELECT count(*) FROM audit_events WHERE award_id = :award")
                .bind("award", award.id().value()).mapTo(Long.class).one();
        int paid = byStatus.getOrDefault("PAID", 0);
        int approved = byStatus.getOrDefault("APPROVED", 0);
        return new Filled(claims, paid, approved, byStatus.getOrDefault("SUBMITTED", 0),
                byStatus.getOrDefault("REJECTED", 0), paid + approved, eventsAfter - eventsBefore);
    }

    private static void update(Handle handle, String sql, Map<String, Object> ids) {
        handle.createUpdate(sql).bindMap(ids).execute();
    }
}
