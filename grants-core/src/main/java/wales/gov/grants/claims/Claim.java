package wales.gov.grants.claims;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.MoneyMovement;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.UserId;

import static java.util.Objects.requireNonNull;

/**
 * A recipient's claim for expenditure in a period of an award. Its amount is the sum of its lines; eligible is
 * what finance approved, less later adjustments; paid never exceeds what was eligible when it was paid.
 */
public record Claim(
        ClaimId id,
        AwardId awardId,
        SchemeId schemeId,
        OrganisationId organisationId,
        LocalDate periodStart,
        LocalDate periodEnd,
        ClaimStatus status,
        Money amount,
        Money eligible,
        Money paid,
        UserId createdBy,
        Instant createdAt,
        UserId submittedBy,
        Instant submittedAt,
        UserId decidedBy,
        Instant decidedAt,
        String rejectionReason,
        String queryQuestion,
        List<ClaimLine> lines,
        List<ClaimApproval> approvals) {
    public Claim {
        requireNonNull(id, "id is null");
        requireNonNull(awardId, "awardId is null");
        requireNonNull(schemeId, "schemeId is null");
        requireNonNull(organisationId, "organisationId is null");
        requireNonNull(periodStart, "periodStart is null");
        requireNonNull(periodEnd, "periodEnd is null");
        requireNonNull(status, "status is null");
        requireNonNull(amount, "amount is null");
        requireNonNull(eligible, "eligible is null");
        requireNonNull(paid, "paid is null");
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(createdAt, "createdAt is null");
        lines = List.copyOf(lines);
        approvals = List.copyOf(approvals);
    }

    public Claim withLinesAndApprovals(List<ClaimLine> newLines, List<ClaimApproval> newApprovals) {
        return new Claim(id, awardId, schemeId, organisationId, periodStart, periodEnd, status, amount, eligible, paid,
                createdBy, createdAt, submittedBy, submittedAt, decidedBy, decidedAt, rejectionReason, queryQuestion,
                newLines, newApprovals);
    }

    /** What may still be paid against the claim. */
    public Money payable() {
        return eligible.minusOrZero(paid);
    }

    /**
     * Segregation of duties for an approval by {@code approver}, perhaps on behalf of {@code delegator}: neither
     * person is the claim's submitter or author or the user who offered the award, and neither has given an earlier
     * approval of it in person or through a delegate, so two approvals always come from two pairs of different
     * people. At or above {@code dualApprovalThreshold} the claim needs two approvals.
     *
     * @param delegator the finance officer whose delegation the approver uses, or null
     * @return whether this approval completes the claim's approval (false: it is the first of two)
     * @throws PermissionDeniedException if the approver is not a finance officer
     * @throws StateConflictException if the claim is not SUBMITTED
     * @throws RuleViolationException naming the duty that would be broken
     */
    public boolean checkApproval(Actor approver, UserId delegator, UserId awardOfferedBy,
                                 Money dualApprovalThreshold) {
        ClaimTransition.APPROVE.apply(approver, status);
        List<UserId> people = delegator == null ? List.of(approver.userId()) : List.of(approver.userId(), delegator);
        for (UserId person : people) {
            String who = person.equals(approver.userId()) ? "approved by" : "approved on behalf of";
            if (person.equals(submittedBy) || person.equals(createdBy)) {
                throw new RuleViolationException("approver-is-submitter",
                        "a claim may not be " + who + " the person who made or submitted it");
            }
            if (person.equals(awardOfferedBy)) {
                throw new RuleViolationException("approver-offered-award",
                        "a claim may not be " + who + " the person who offered its award");
            }
            if (approvals.stream().anyMatch(approval -> approval.givenBy(person))) {
                throw new RuleViolationException("second-approver-must-differ",
                        "this claim needs its second approval from a different finance officer, counting "
                                + "delegations: it may not be " + who + " someone who gave the first");
            }
        }
        return !needsTwoApprovals(dualApprovalThreshold) || !approvals.isEmpty();
    }

    /** {@link #checkApproval(Actor, UserId, UserId, Money)} in the approver's own right. */
    public boolean checkApproval(Actor approver, UserId awardOfferedBy, Money dualApprovalThreshold) {
        return checkApproval(approver, null, awardOfferedBy, dualApprovalThreshold);
    }

    /** The dual-approval rule: a claim at or above its scheme's threshold needs two different officers' approvals. */
    public boolean needsTwoApprovals(Money dualApprovalThreshold) {
        return amount.isAtLeast(dualApprovalThreshold);
    }

    /** Submitted, needing two approvals and so far having one: waiting for its second officer. */
    public boolean awaitsSecondApproval(Money dualApprovalThreshold) {
        return status == ClaimStatus.SUBMITTED && needsTwoApprovals(dualApprovalThreshold) && approvals.size() == 1;
    }

    /** Payments are recorded against APPROVED claims only (a PAID claim is fully paid). */
    public boolean acceptsPayments() {
        return status == ClaimStatus.APPROVED;
    }

    /** Only an approved or paid claim's eligible amount can be reduced after the fact. */
    public boolean adjustable() {
        return status == ClaimStatus.APPROVED || status == ClaimStatus.PAID;
    }

    /**
     * The rules of a payment: the claim is APPROVED, the payment is dated neither in the future nor before the
     * approval, and it does not take the claim's payments beyond its eligible amount.
     *
     * @return the claim's status once the payment is recorded: PAID when it is now fully paid
     */
    public ClaimStatus checkPayment(MoneyMovement payment, LocalDate today) {
        if (!acceptsPayments()) {
            throw new StateConflictException("payments are recorded against APPROVED claims only; this claim is "
                    + status);
        }
        payment.checkDated("paidOn", today, decidedAt, "the claim was approved");
        if (payment.amount().isGreaterThan(payable())) {
            throw new RuleViolationException("payment-exceeds-approved", "a payment of " + payment.amount()
                    + " would take the claim's payments to " + paid.plus(payment.amount())
                    + ", more than its approved " + eligible);
        }
        return paid.plus(payment.amount()).isAtLeast(eligible) ? ClaimStatus.PAID : ClaimStatus.APPROVED;
    }

    /**
     * Reduces the eligible amount of an approved or paid claim. Money already paid beyond the new eligible amount
     * becomes due back.
     */
    public AdjustmentOutcome checkAdjustment(Money reduction) {
        if (!adjustable()) {
            throw new StateConflictException("only an APPROVED or PAID claim can be adjusted; this claim is "
                    + status);
        }
        if (reduction.isGreaterThan(eligible)) {
            throw new RuleViolationException("adjustment-exceeds-eligible", "an adjustment of " + reduction
                    + " is more than the claim's eligible " + eligible);
        }
        Money eligibleAfter = eligible.minus(reduction);
        Money overpaidBefore = paid.minusOrZero(eligible);
        Money overpaidAfter = paid.minusOrZero(eligibleAfter);
        ClaimStatus statusAfter = !paid.isZero() && paid.isAtLeast(eligibleAfter) ? ClaimStatus.PAID : status;
        return new AdjustmentOutcome(eligible, eligibleAfter, overpaidAfter.minus(overpaidBefore), statusAfter);
    }

    /** What an adjustment does: the eligible amount before and after, any new recovery, the status after. */
    public record AdjustmentOutcome(Money eligibleBefore, Money eligibleAfter, Money recoveryDue,
                                    ClaimStatus statusAfter) {
        public AdjustmentOutcome {
            requireNonNull(eligibleBefore, "eligibleBefore is null");
            requireNonNull(eligibleAfter, "eligibleAfter is null");
            requireNonNull(recoveryDue, "recoveryDue is null");
            requireNonNull(statusAfter, "statusAfter is null");
        }
    }
}
