package wales.gov.grants.packs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.StatementContext;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardAccess;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimAdjustment;
import wales.gov.grants.claims.ClaimDecisionDao;
import wales.gov.grants.claims.WarningDao;
import wales.gov.grants.claims.Payment;
import wales.gov.grants.database.Columns;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.organisations.OrganisationDao;
import wales.gov.grants.outcomes.OutcomeService;
import wales.gov.grants.recoveries.Ledger;
import wales.gov.grants.schemes.SchemeDao;

import static java.util.Objects.requireNonNull;

/** Reads one award's pack data in the caller's (read-only, repeatable-read) transaction. */
final class AwardPackLoader {
    private static final int EVENT_FETCH_SIZE = 1_000;
    /**
     * The award's events, oldest first, read through a cursor: only what the pack shows of each, with what a person
     * wrote with a decision (a query's question or a rejection's reason) taken out of its after state by the server.
     */
    private static final String EVENTS = """
            SELECT id, action, actor_username, actor_role, occurred_at, object_type, object_id,
                   CASE WHEN action IN ('CLAIM_QUERIED', 'CLAIM_REJECTED') THEN
                       CASE WHEN jsonb_exists(after_state, 'question') THEN after_state ->> 'question'
                            ELSE after_state ->> 'reason' END
                        WHEN action IN ('CLAIM_APPROVED', 'CLAIM_FIRST_APPROVAL') THEN
                            details ->> 'acknowledgementReason'
                   END AS note,
                   CASE WHEN action IN ('CLAIM_APPROVED', 'CLAIM_FIRST_APPROVAL') THEN details ->> 'onBehalfOf'
                   END AS on_behalf_of
            FROM audit_events WHERE award_id = :awardId ORDER BY id""";

    private final AwardAccess access;
    private final Ledger ledger;
    private final OutcomeService outcomes;

    AwardPackLoader(AwardAccess access, Ledger ledger, OutcomeService outcomes) {
        this.access = requireNonNull(access, "access is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.outcomes = requireNonNull(outcomes, "outcomes is null");
    }

    AwardPackData load(Handle handle, Actor actor, AwardId awardId) {
        Award award = access.visibleWithDetails(handle, actor, awardId, false);
        PackDao packs = handle.attach(PackDao.class);
        UUID id = award.id().value();
        List<Claim> claims = handle.attach(ClaimDecisionDao.class).withLinesAndApprovals(packs.claims(id));
        Map<UUID, PackDao.ClaimPeople> people = new HashMap<>();
        packs.claimPeople(id).forEach(row -> people.put(row.claimId(), row));
        Map<ClaimId, List<Payment>> payments = new HashMap<>();
        packs.payments(id).forEach(payment -> payments.computeIfAbsent(payment.claimId(), claim -> new ArrayList<>())
                .add(payment));
        Map<ClaimId, List<ClaimAdjustment>> adjustments = new HashMap<>();
        packs.adjustments(id).forEach(adjustment -> adjustments
                .computeIfAbsent(adjustment.claimId(), claim -> new ArrayList<>()).add(adjustment));

        Map<String, List<AwardPackData.Step>> decisions = new HashMap<>();
        List<AwardPackData.Step> lifecycle = new ArrayList<>();
        Instant latest = award.createdAt();
        try (ResultIterator<EventRow> events = handle.createQuery(EVENTS).bind("awardId", id)
                .setFetchSize(EVENT_FETCH_SIZE).map(EventRow::map).iterator()) {
            while (events.hasNext()) {
                EventRow event = events.next();
                if (event.occurredAt().isAfter(latest)) {
                    latest = event.occurredAt();
                }
                if (event.objectType().equals("award")) {
                    lifecycle.add(event.step());
                } else if (event.objectType().equals("claim")) {
                    decisions.computeIfAbsent(event.objectId(), claim -> new ArrayList<>()).add(event.step());
                }
            }
        }

        List<AwardPackData.ClaimRecord> records = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            PackDao.ClaimPeople who = people.get(claim.id().value());
            records.add(new AwardPackData.ClaimRecord(claim, who.createdBy(), who.submittedBy(),
                    decisions.getOrDefault(claim.id().toString(), List.of()),
                    payments.getOrDefault(claim.id(), List.of()), adjustments.getOrDefault(claim.id(), List.of())));
        }
        return new AwardPackData(latest,
                handle.attach(SchemeDao.class).find(award.schemeId().value()).orElseThrow(),
                handle.attach(OrganisationDao.class).find(award.organisationId().value()).orElseThrow(),
                award, packs.people(id).orElseThrow(), records, ledger.recoveriesOfAward(handle, award.id()),
                outcomes.progress(handle, award), packs.evidence(id), lifecycle,
                handle.attach(WarningDao.class).warnings(claims.stream().map(claim -> claim.id().value())
                        .toArray(UUID[]::new)));
    }

    /** What the pack takes from one of the award's events: no before or after state is read or parsed. */
    private record EventRow(long id, AuditAction action, String actorUsername, String actorRole, Instant occurredAt,
                            String objectType, String objectId, String note, String onBehalfOf) {
        static EventRow map(ResultSet row, StatementContext context) throws SQLException {
            return new EventRow(row.getLong("id"), AuditAction.valueOf(row.getString("action")),
                    row.getString("actor_username"), row.getString("actor_role"),
                    Columns.instant(row, "occurred_at"), row.getString("object_type"),
                    row.getString("object_id"), row.getString("note"), row.getString("on_behalf_of"));
        }

        AwardPackData.Step step() {
            return new AwardPackData.Step(id, action, actorUsername, actorRole, occurredAt, note, onBehalfOf);
        }
    }
}
