package wales.gov.grants.packs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditDao;
import wales.gov.grants.audit.RecordedEvent;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardAccess;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimAdjustment;
import wales.gov.grants.claims.ClaimDecisionDao;
import wales.gov.grants.claims.Payment;
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
    private static final int EVENT_PAGE = 5_000;

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
        AuditDao events = handle.attach(AuditDao.class);
        long total = events.countForAward(id);
        for (long offset = 0; offset < total; offset += EVENT_PAGE) {
            for (RecordedEvent event : events.forAward(id, EVENT_PAGE, offset)) {
                if (event.occurredAt().isAfter(latest)) {
                    latest = event.occurredAt();
                }
                AwardPackData.Step step = new AwardPackData.Step(event.id(), event.action(), event.actorUsername(),
                        event.actorRole(), event.occurredAt(), note(event));
                if (event.objectType().equals("award")) {
                    lifecycle.add(step);
                } else if (event.objectType().equals("claim")) {
                    decisions.computeIfAbsent(event.objectId(), claim -> new ArrayList<>()).add(step);
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
                outcomes.progress(handle, award), packs.evidence(id), lifecycle);
    }

    /** What a person wrote with a decision: a query's question or a rejection's reason. */
    private static String note(RecordedEvent event) {
        if (event.action() != AuditAction.CLAIM_QUERIED && event.action() != AuditAction.CLAIM_REJECTED) {
            return null;
        }
        Object note = event.after() == null ? null
                : event.after().getOrDefault("question", event.after().get("reason"));
        return note == null ? null : note.toString();
    }
}
