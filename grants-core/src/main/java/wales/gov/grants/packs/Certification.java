package wales.gov.grants.packs;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimApproval;
import wales.gov.grants.claims.ClaimStatus;
import wales.gov.grants.claims.ClaimWarning;
import wales.gov.grants.claims.Payment;
import wales.gov.grants.evidence.Evidence;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.outcomes.OutcomeProgress;
import wales.gov.grants.recoveries.Recovery;

import static wales.gov.grants.packs.CertificationCheck.APPROVED_WITHIN_AWARD;
import static wales.gov.grants.packs.CertificationCheck.AUDIT_CHAIN_VALID;
import static wales.gov.grants.packs.CertificationCheck.DUAL_APPROVAL_WHERE_REQUIRED;
import static wales.gov.grants.packs.CertificationCheck.EVERY_WARNING_ACKNOWLEDGED;
import static wales.gov.grants.packs.CertificationCheck.EVIDENCE_FOR_EVERY_APPROVED_CLAIM;
import static wales.gov.grants.packs.CertificationCheck.NO_EVIDENCE_UNDER_TWO_AWARDS;
import static wales.gov.grants.packs.CertificationCheck.NO_APPROVAL_BY_SUBMITTER_OR_OFFERER;
import static wales.gov.grants.packs.CertificationCheck.OFFER_ACCEPTED_BEFORE_FIRST_PAYMENT;
import static wales.gov.grants.packs.CertificationCheck.OUTCOME_FOR_EVERY_TARGET;
import static wales.gov.grants.packs.CertificationCheck.PAID_WITHIN_APPROVED;
import static wales.gov.grants.packs.CertificationCheck.RECOVERY_FOR_EVERY_OVERPAYMENT;

/**
 * The certification checks of an award, computed from the data the pack shows (never from the running totals
 * alone, which the checks exist to question). Each names what it found: the first claim that breaks it, or what
 * was checked when it passes.
 */
public final class Certification {
    private Certification() {
    }

    public static List<CheckResult> of(AwardPackData data, ChainStatus chain) {
        return List.of(offerAcceptedBeforeFirstPayment(data), noApprovalBySubmitterOrOfferer(data),
                dualApprovalWhereRequired(data), approvedWithinAward(data), paidWithinApproved(data),
                evidenceForEveryApprovedClaim(data), outcomeForEveryTarget(data), recoveryForEveryOverpayment(data),
                auditChainValid(chain), noEvidenceUnderTwoAwards(data), everyWarningAcknowledged(data));
    }

    static CheckResult offerAcceptedBeforeFirstPayment(AwardPackData data) {
        Optional<Payment> first = data.claims().stream().flatMap(claim -> claim.payments().stream())
                .min((left, right) -> left.paidOn().compareTo(right.paidOn()));
        if (first.isEmpty()) {
            return CheckResult.pass(OFFER_ACCEPTED_BEFORE_FIRST_PAYMENT, "check.noPayments");
        }
        if (data.award().accepted().isEmpty()) {
            return CheckResult.fail(OFFER_ACCEPTED_BEFORE_FIRST_PAYMENT, "check.paidButNeverAccepted",
                    first.get().paidOn());
        }
        LocalDate acceptedOn = LocalDate.ofInstant(data.award().accepted().get(), ZoneOffset.UTC);
        boolean before = !first.get().paidOn().isBefore(acceptedOn)
                && data.award().accepted().get().isBefore(first.get().recordedAt());
        return before
                ? CheckResult.pass(OFFER_ACCEPTED_BEFORE_FIRST_PAYMENT, "check.acceptedBeforePayment", acceptedOn,
                first.get().paidOn())
                : CheckResult.fail(OFFER_ACCEPTED_BEFORE_FIRST_PAYMENT, "check.paymentBeforeAcceptance",
                first.get().paidOn(), acceptedOn);
    }

    static CheckResult noApprovalBySubmitterOrOfferer(AwardPackData data) {
        int approvals = 0;
        for (AwardPackData.ClaimRecord record : data.claims()) {
            for (AwardPackData.Step approval : approvalsOf(record)) {
                approvals++;
                if (approval.username() != null && (approval.username().equals(record.createdBy())
                        || approval.username().equals(record.submittedBy()))) {
                    return CheckResult.fail(NO_APPROVAL_BY_SUBMITTER_OR_OFFERER, "check.approvedBySubmitter",
                            reference(record.claim()), approval.username());
                }
                if (approval.username() != null && approval.username().equals(data.people().offeredBy())) {
                    return CheckResult.fail(NO_APPROVAL_BY_SUBMITTER_OR_OFFERER, "check.approvedByOfferer",
                            reference(record.claim()), approval.username());
                }
            }
        }
        return CheckResult.pass(NO_APPROVAL_BY_SUBMITTER_OR_OFFERER, "check.approvalsSegregated", approvals);
    }

    static CheckResult dualApprovalWhereRequired(AwardPackData data) {
        Money threshold = data.scheme().dualApprovalThreshold();
        int required = 0;
        for (AwardPackData.ClaimRecord record : data.claims()) {
            if (!record.approvedOrPaid() || !record.claim().needsTwoApprovals(threshold)) {
                continue;
            }
            required++;
            Set<String> approvers = new HashSet<>();
            record.currentApprovals().forEach(approval -> approvers.add(approval.username()));
            if (approvers.size() < 2) {
                return CheckResult.fail(DUAL_APPROVAL_WHERE_REQUIRED, "check.singleApproval",
                        reference(record.claim()), record.claim().amount(), threshold);
            }
        }
        return CheckResult.pass(DUAL_APPROVAL_WHERE_REQUIRED, "check.dualApprovals", required, threshold);
    }

    static CheckResult approvedWithinAward(AwardPackData data) {
        Money approved = data.claims().stream().filter(AwardPackData.ClaimRecord::approvedOrPaid)
                .map(record -> record.claim().eligible()).reduce(Money.ZERO, Money::plus);
        return approved.isGreaterThan(data.award().amount())
                ? CheckResult.fail(APPROVED_WITHIN_AWARD, "check.approvedBeyondAward", approved, data.award().amount())
                : CheckResult.pass(APPROVED_WITHIN_AWARD, "check.approvedWithin", approved, data.award().amount());
    }

    /** Payments never beyond what was approved; an adjustment after payment is a recovery, checked below. */
    static CheckResult paidWithinApproved(AwardPackData data) {
        Money paid = Money.ZERO;
        for (AwardPackData.ClaimRecord record : data.claims()) {
            Claim claim = record.claim();
            Money everApproved = record.approvedOrPaid() ? claim.amount() : Money.ZERO;
            if (claim.paid().isGreaterThan(everApproved)) {
                return CheckResult.fail(PAID_WITHIN_APPROVED, "check.paidBeyondApproved", reference(claim),
                        claim.paid(), everApproved);
            }
            paid = paid.plus(claim.paid());
        }
        return CheckResult.pass(PAID_WITHIN_APPROVED, "check.paidWithin", paid);
    }

    static CheckResult evidenceForEveryApprovedClaim(AwardPackData data) {
        Set<ClaimId> supported = data.evidence().stream()
                .filter(evidence -> evidence.status() != Evidence.Status.REMOVED)
                .flatMap(evidence -> evidence.claim().stream())
                .collect(Collectors.toSet());
        int approved = 0;
        for (AwardPackData.ClaimRecord record : data.claims()) {
            if (!record.approvedOrPaid()) {
                continue;
            }
            approved++;
            if (!supported.contains(record.claim().id())) {
                return CheckResult.fail(EVIDENCE_FOR_EVERY_APPROVED_CLAIM, "check.approvedWithoutEvidence",
                        reference(record.claim()));
            }
        }
        return CheckResult.pass(EVIDENCE_FOR_EVERY_APPROVED_CLAIM, "check.evidenceForAll", approved);
    }

    static CheckResult outcomeForEveryTarget(AwardPackData data) {
        List<String> missing = new ArrayList<>();
        for (OutcomeProgress progress : data.outcomes()) {
            if (progress.reports().isEmpty()) {
                missing.add(progress.target().measure());
            }
        }
        if (!missing.isEmpty()) {
            return CheckResult.fail(OUTCOME_FOR_EVERY_TARGET, "check.targetsWithoutOutcome",
                    String.join(", ", missing));
        }
        return CheckResult.pass(OUTCOME_FOR_EVERY_TARGET, "check.outcomesForAll", data.outcomes().size());
    }

    /**
     * Every claim paid beyond its eligible amount has recoveries raised for the difference, and at close the
     * award's payments beyond its eligible spend are covered by recoveries.
     */
    static CheckResult recoveryForEveryOverpayment(AwardPackData data) {
        Map<ClaimId, Money> raisedByClaim = data.recoveries().stream().filter(recovery -> recovery.claim().isPresent())
                .collect(Collectors.toMap(recovery -> recovery.claim().get(), Recovery::amount, Money::plus));
        for (AwardPackData.ClaimRecord record : data.claims()) {
            Money overpaid = record.claim().paid().minusOrZero(record.claim().eligible());
            Money raised = raisedByClaim.getOrDefault(record.claim().id(), Money.ZERO);
            if (overpaid.isGreaterThan(raised)) {
                return CheckResult.fail(RECOVERY_FOR_EVERY_OVERPAYMENT, "check.overpaidWithoutRecovery",
                        reference(record.claim()), overpaid, raised);
            }
        }
        Money overpaidOverall = data.award().paid().minusOrZero(data.award().approved());
        if (overpaidOverall.isGreaterThan(data.recoveriesRaised())) {
            return CheckResult.fail(RECOVERY_FOR_EVERY_OVERPAYMENT, "check.awardOverpaidWithoutRecovery",
                    overpaidOverall, data.recoveriesRaised());
        }
        return CheckResult.pass(RECOVERY_FOR_EVERY_OVERPAYMENT, "check.recoveriesRaised", data.recoveriesRaised());
    }

    static CheckResult auditChainValid(ChainStatus chain) {
        if (!chain.valid()) {
            return CheckResult.fail(AUDIT_CHAIN_VALID, "check.chainBroken",
                    chain.firstBrokenEventId().isPresent() ? chain.firstBrokenEventId().getAsLong() : "-");
        }
        if (chain.checkpoint().isEmpty()) {
            return CheckResult.fail(AUDIT_CHAIN_VALID, "check.noCheckpoint", chain.eventsChecked());
        }
        return CheckResult.pass(AUDIT_CHAIN_VALID, "check.chainValid", chain.eventsChecked(),
                chain.checkpoint().get().sequence());
    }

    /**
     * No file supporting one of the award's live claims also supports a claim under another award. A fact, not a
     * judgement: an acknowledged finding still fails here, and the next check says whether it was acknowledged.
     */
    static CheckResult noEvidenceUnderTwoAwards(AwardPackData data) {
        Map<ClaimId, Claim> claims = data.claims().stream().map(AwardPackData.ClaimRecord::claim)
                .collect(Collectors.toMap(Claim::id, claim -> claim));
        for (ClaimWarning warning : data.warnings()) {
            Claim claim = claims.get(warning.claimId());
            if (warning.kind() == ClaimWarning.Kind.SHARED_EVIDENCE && claim != null
                    && claim.status() != ClaimStatus.REJECTED) {
                return CheckResult.fail(NO_EVIDENCE_UNDER_TWO_AWARDS, "check.evidenceUnderTwoAwards",
                        warning.sha256(), reference(claim), PackText.shortId(warning.otherClaimId().toString()),
                        PackText.shortId(warning.otherAwardId().toString()));
            }
        }
        long files = data.evidence().stream().filter(evidence -> evidence.status() != Evidence.Status.REMOVED)
                .filter(evidence -> evidence.claim().isPresent()).map(Evidence::sha256).distinct().count();
        return CheckResult.pass(NO_EVIDENCE_UNDER_TWO_AWARDS, "check.evidenceUnderOneAward", files);
    }

    /**
     * Every approval in force of a claim with warnings acknowledged each of them with a reason. A finding that
     * arose after the approval (another award's upload of the same file, say) was never acknowledged and fails.
     */
    static CheckResult everyWarningAcknowledged(AwardPackData data) {
        Map<ClaimId, List<ClaimWarning>> byClaim = data.warnings().stream()
                .collect(Collectors.groupingBy(ClaimWarning::claimId));
        int acknowledged = 0;
        for (AwardPackData.ClaimRecord record : data.claims()) {
            Claim claim = record.claim();
            List<ClaimWarning> warnings = byClaim.getOrDefault(claim.id(), List.of());
            if (warnings.isEmpty() || claim.approvals().isEmpty()) {
                continue;
            }
            for (ClaimApproval approval : claim.approvals()) {
                for (ClaimWarning warning : warnings) {
                    if (approval.acknowledgementReason() == null
                            || !approval.acknowledgedWarnings().contains(warning.key())) {
                        return CheckResult.fail(EVERY_WARNING_ACKNOWLEDGED, "check.warningNotAcknowledged",
                                reference(claim), approval.approverUsername(),
                                PackText.shortId(warning.otherClaimId().toString()));
                    }
                }
            }
            acknowledged += warnings.size();
        }
        return CheckResult.pass(EVERY_WARNING_ACKNOWLEDGED, "check.warningsAcknowledged", acknowledged);
    }

    private static List<AwardPackData.Step> approvalsOf(AwardPackData.ClaimRecord record) {
        return record.decisions().stream()
                .filter(step -> step.action() == AuditAction.CLAIM_APPROVED
                        || step.action() == AuditAction.CLAIM_FIRST_APPROVAL)
                .toList();
    }

    /** A claim as a person refers to it: its period and the start of its id. */
    static ClaimReference reference(Claim claim) {
        return new ClaimReference(claim.id(), claim.periodStart(), claim.periodEnd());
    }

    /** How checks and tables name a claim. */
    public record ClaimReference(ClaimId id, LocalDate periodStart, LocalDate periodEnd) {
    }
}
