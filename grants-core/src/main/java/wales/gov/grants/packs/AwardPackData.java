package wales.gov.grants.packs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimAdjustment;
import wales.gov.grants.claims.ClaimWarning;
import wales.gov.grants.claims.Payment;
import wales.gov.grants.evidence.Evidence;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.outcomes.OutcomeProgress;
import wales.gov.grants.recoveries.Recovery;
import wales.gov.grants.schemes.Scheme;

import static java.util.Objects.requireNonNull;

/**
 * Everything an award's audit pack shows, read in one consistent snapshot. The audit trail itself is not held
 * here: a pack streams it, since an award may have tens of thousands of events.
 *
 * @param asOf the instant the data was taken at: the time of the award's latest audit event, so that the same data
 *             always gives the same pack
 * @param warnings the possible double funding of the award's claims, as the database finds it when the pack is made
 */
public record AwardPackData(
        Instant asOf,
        Scheme scheme,
        Organisation organisation,
        Award award,
        PackDao.AwardPeople people,
        List<ClaimRecord> claims,
        List<Recovery> recoveries,
        List<OutcomeProgress> outcomes,
        List<Evidence> evidence,
        List<Step> lifecycle,
        List<ClaimWarning> warnings) {
    public AwardPackData {
        requireNonNull(asOf, "asOf is null");
        requireNonNull(scheme, "scheme is null");
        requireNonNull(organisation, "organisation is null");
        requireNonNull(award, "award is null");
        requireNonNull(people, "people is null");
        claims = List.copyOf(claims);
        recoveries = List.copyOf(recoveries);
        outcomes = List.copyOf(outcomes);
        evidence = List.copyOf(evidence);
        lifecycle = List.copyOf(lifecycle);
        warnings = List.copyOf(warnings);
    }

    /** Money claimed: the claims submitted and not rejected. */
    public Money claimed() {
        return award.claimed();
    }

    public Money recoveriesRaised() {
        return recoveries.stream().map(Recovery::amount).reduce(Money.ZERO, Money::plus);
    }

    /**
     * A claim with the people and steps the pack shows: every decision from the audit trail (approvals are kept
     * there even when a query clears them from the claim), its payments and adjustments.
     */
    public record ClaimRecord(Claim claim, String createdBy, String submittedBy, List<Step> decisions,
                              List<Payment> payments, List<ClaimAdjustment> adjustments) {
        public ClaimRecord {
            requireNonNull(claim, "claim is null");
            requireNonNull(createdBy, "createdBy is null");
            decisions = List.copyOf(decisions);
            payments = List.copyOf(payments);
            adjustments = List.copyOf(adjustments);
        }

        public boolean approvedOrPaid() {
            return switch (claim.status()) {
                case APPROVED, PAID -> true;
                case DRAFT, SUBMITTED, QUERIED, REJECTED -> false;
            };
        }

        /** The approvals that made the claim's current approval: those since its last query or submission. */
        public List<Step> currentApprovals() {
            int start = 0;
            for (int index = 0; index < decisions.size(); index++) {
                if (decisions.get(index).action() == AuditAction.CLAIM_QUERIED) {
                    start = index + 1;
                }
            }
            return decisions.subList(start, decisions.size()).stream()
                    .filter(step -> step.action() == AuditAction.CLAIM_FIRST_APPROVAL
                            || step.action() == AuditAction.CLAIM_APPROVED)
                    .toList();
        }
    }

    /**
     * One step from the audit trail: who (user name and role) did what, when, with the text they gave (a query's
     * question, a rejection's reason, the reason an approval acknowledged double-funding warnings), and for an
     * approval under a delegation the delegator on whose behalf it was given.
     */
    public record Step(long eventId, AuditAction action, String username, String role, Instant at, String note,
                       String onBehalfOf) {
        public Step {
            requireNonNull(action, "action is null");
            requireNonNull(at, "at is null");
        }

        public Step(long eventId, AuditAction action, String username, String role, Instant at, String note) {
            this(eventId, action, username, role, at, note, null);
        }

        public Optional<String> onBehalfOfUsername() {
            return Optional.ofNullable(onBehalfOf);
        }

        public Optional<String> noteText() {
            return Optional.ofNullable(note);
        }
    }
}
