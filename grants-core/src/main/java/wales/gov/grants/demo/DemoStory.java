package wales.gov.grants.demo;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimTransition;
import wales.gov.grants.claims.NewAdjustment;
import wales.gov.grants.claims.NewClaim;
import wales.gov.grants.claims.NewPayment;
import wales.gov.grants.demo.DemoFiles.SpendLine;
import wales.gov.grants.evidence.EvidenceService;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.RecoveryId;
import wales.gov.grants.outcomes.NewOutcomeReport;
import wales.gov.grants.recoveries.NewReceipt;
import wales.gov.grants.recoveries.Recovery;
import wales.gov.grants.wiring.GrantsServices;

import static java.util.Objects.requireNonNull;

/**
 * One award's year told through the services, step by step, each step at its moment ({@code "2019-07-09T10:30"},
 * UTC) on the story's {@link DemoClock}: the rules (segregation of duties, dual approval, payments neither before
 * approval nor in the future) apply exactly as they do to anyone.
 */
final class DemoStory {
    private final GrantsServices services;
    private final DemoClock clock;
    private final Award award;
    private final Actor recipient;
    private final String unit;

    /** @param unit what a line's count counts, in the plural: "looked-after pupils", "families" */
    DemoStory(GrantsServices services, DemoClock clock, Award award, Actor recipient, String unit) {
        this.services = requireNonNull(services, "services is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.award = requireNonNull(award, "award is null");
        this.recipient = requireNonNull(recipient, "recipient is null");
        this.unit = requireNonNull(unit, "unit is null");
    }

    private void at(String moment) {
        clock.moveTo(LocalDateTime.parse(moment));
    }

    /** The recipient drafts a claim for the period and submits it. */
    Claim claim(String moment, String periodStart, String periodEnd, List<SpendLine> lines) {
        at(moment);
        List<NewClaim.NewClaimLine> claimLines = lines.stream()
                .map(line -> new NewClaim.NewClaimLine(line.category(), line.people() == 0 ? line.description()
                        : line.description() + " (" + line.people() + " " + unit + ")", line.amount()))
                .toList();
        Claim draft = services.claims().create(recipient, award.id(), new NewClaim(periodStart, periodEnd, claimLines));
        return services.claims().transition(recipient, draft.id(), ClaimTransition.SUBMIT, null);
    }

    Claim query(String moment, Actor officer, Claim claim, String question) {
        at(moment);
        return services.claims().transition(officer, claim.id(), ClaimTransition.QUERY, question);
    }

    /** The recipient answers a query by submitting the claim again. */
    Claim resubmit(String moment, Claim claim) {
        at(moment);
        return services.claims().transition(recipient, claim.id(), ClaimTransition.SUBMIT, null);
    }

    Claim approve(String moment, Actor officer, Claim claim) {
        at(moment);
        return services.claims().transition(officer, claim.id(), ClaimTransition.APPROVE, null);
    }

    Claim reject(String moment, Actor officer, Claim claim, String reason) {
        at(moment);
        return services.claims().transition(officer, claim.id(), ClaimTransition.REJECT, reason);
    }

    /** Pays what is still payable on the claim, dated the day of {@code moment}. */
    void pay(String moment, Actor officer, Claim approved, String reference) {
        at(moment);
        Money payable = approved.eligible().minus(approved.paid());
        services.claims().pay(officer, approved.id(), new NewPayment(payable.toDecimalString(),
                LocalDateTime.parse(moment).toLocalDate().toString(), reference));
    }

    /** Reduces the claim's eligible amount; paid already, the difference is raised as a recovery. */
    Recovery adjust(String moment, Actor officer, Claim claim, String amount, String reason) {
        at(moment);
        return requireNonNull(services.claims().adjust(officer, claim.id(), new NewAdjustment(amount, reason))
                .recovery(), "the adjustment raised no recovery");
    }

    /** The recipient pays the recovery back in full. */
    void receive(String moment, Actor officer, Recovery recovery, String reference) {
        at(moment);
        services.recoveries().receive(officer, new RecoveryId(recovery.id()), new NewReceipt(
                recovery.amount().toDecimalString(), LocalDateTime.parse(moment).toLocalDate().toString(),
                reference));
    }

    /** The recipient uploads a file as evidence of the claim. */
    void evidence(String moment, Claim claim, String title, String filename, byte[] content) {
        at(moment);
        EvidenceService evidence = services.evidence();
        evidence.upload(recipient, award.id(), evidence.stage(new ByteArrayInputStream(content)),
                new EvidenceService.NewEvidence(filename, title, claim.id().toString(), null), null);
    }

    void outcome(String moment, String measure, String periodEnd, int value, String note) {
        at(moment);
        services.outcomes().report(recipient, award.id(), new NewOutcomeReport(measure, periodEnd,
                BigDecimal.valueOf(value), note));
    }
}
