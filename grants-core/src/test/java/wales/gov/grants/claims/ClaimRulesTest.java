package wales.gov.grants.claims;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardStatus;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.BudgetExceededException;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.MoneyMovement;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.UserId;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.recoveries.Recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The money rules of claims, payments, adjustments and recoveries, without a database. */
class ClaimRulesTest {
    private static final UserId RECIPIENT_USER = UserId.random();
    private static final UserId MANAGER_USER = UserId.random();
    private static final Actor OFFICER = officer("finance1");
    private static final Instant APPROVED_AT = Instant.parse("2019-07-10T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2019-08-01");

    @Test
    void aClaimsAmountIsTheSumOfItsLines() {
        List<ClaimLine> lines = List.of(line("1250.00"), line("0.01"), line("99.99"));
        assertThat(ClaimLine.total(lines)).isEqualTo(Money.ofPence(135_000));
    }

    @Test
    void linesBeyondTheLargestAmountOfMoneyAreRefused() {
        List<ClaimLine> lines = List.of(line("999999999999.99"), line("0.01"));
        assertThatThrownBy(() -> ClaimLine.total(lines))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refused -> assertThat(refused.rule()).isEqualTo("claim-too-large"));
    }

    @Test
    void belowTheThresholdOneApprovalCompletesTheClaim() {
        Claim claim = claim(ClaimStatus.SUBMITTED, "499.99", "0", "0", List.of());
        assertThat(claim.checkApproval(OFFICER, MANAGER_USER, Money.parse("500.00"))).isTrue();
    }

    @Test
    void atTheThresholdTwoDifferentOfficersMustApprove() {
        Claim claim = claim(ClaimStatus.SUBMITTED, "500.00", "0", "0", List.of());
        assertThat(claim.checkApproval(OFFICER, MANAGER_USER, Money.parse("500.00"))).isFalse();
        Claim once = claim(ClaimStatus.SUBMITTED, "500.00", "0", "0",
                List.of(new ClaimApproval(OFFICER.userId(), OFFICER.username(), APPROVED_AT)));
        assertThatThrownBy(() -> once.checkApproval(OFFICER, MANAGER_USER, Money.parse("500.00")))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refused -> assertThat(refused.rule()).isEqualTo("second-approver-must-differ"));
        assertThat(once.checkApproval(officer("finance2"), MANAGER_USER, Money.parse("500.00"))).isTrue();
    }

    @Test
    void theSubmitterNeverApprovesTheirOwnClaim() {
        Claim claim = claim(ClaimStatus.SUBMITTED, "100.00", "0", "0", List.of());
        Actor submitterNowAnOfficer = new Actor(RECIPIENT_USER, "moved-to-finance", Role.FINANCE_OFFICER, null);
        assertThatThrownBy(() -> claim.checkApproval(submitterNowAnOfficer, MANAGER_USER, Money.parse("500.00")))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refused -> assertThat(refused.rule()).isEqualTo("approver-is-submitter"));
    }

    @Test
    void whoeverOfferedTheAwardDoesNotApproveItsClaims() {
        Claim claim = claim(ClaimStatus.SUBMITTED, "100.00", "0", "0", List.of());
        Actor offererNowAnOfficer = new Actor(MANAGER_USER, "moved-to-finance", Role.FINANCE_OFFICER, null);
        assertThatThrownBy(() -> claim.checkApproval(offererNowAnOfficer, MANAGER_USER, Money.parse("500.00")))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refused -> assertThat(refused.rule()).isEqualTo("approver-offered-award"));
    }

    @Test
    void onlyASubmittedClaimIsApproved() {
        for (ClaimStatus status : List.of(ClaimStatus.DRAFT, ClaimStatus.QUERIED, ClaimStatus.APPROVED,
                ClaimStatus.REJECTED, ClaimStatus.PAID)) {
            Claim claim = claim(status, "100.00", "0", "0", List.of());
            assertThatThrownBy(() -> claim.checkApproval(OFFICER, MANAGER_USER, Money.parse("500.00")))
                    .isInstanceOf(StateConflictException.class);
        }
    }

    @Test
    void anAwardsApprovedClaimsNeverExceedIt() {
        Award award = award("1000.00", "900.00");
        award.checkApprovalFits(Money.parse("100.00"));
        assertThatThrownBy(() -> award.checkApprovalFits(Money.parse("100.01")))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("£1000.01");
    }

    @Test
    void paymentsStayWithinTheApprovedAmountAndTheLastOneMakesTheClaimPaid() {
        Claim claim = claim(ClaimStatus.APPROVED, "100.00", "100.00", "60.00", List.of());
        assertThat(claim.checkPayment(movement("39.99", TODAY), TODAY)).isEqualTo(ClaimStatus.APPROVED);
        assertThat(claim.checkPayment(movement("40.00", TODAY), TODAY)).isEqualTo(ClaimStatus.PAID);
        assertThatThrownBy(() -> claim.checkPayment(movement("40.01", TODAY), TODAY))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refused -> assertThat(refused.rule()).isEqualTo("payment-exceeds-approved"));
    }

    @Test
    void paymentsAreDatedNeitherInTheFutureNorBeforeApproval() {
        Claim claim = claim(ClaimStatus.APPROVED, "100.00", "100.00", "0", List.of());
        assertThatThrownBy(() -> claim.checkPayment(movement("1.00", TODAY.plusDays(1)), TODAY))
                .isInstanceOfSatisfying(ValidationException.class,
                        refused -> assertThat(refused.errors().get(0).field()).isEqualTo("paidOn"));
        assertThatThrownBy(() -> claim.checkPayment(movement("1.00", LocalDate.parse("2019-07-09")), TODAY))
                .isInstanceOfSatisfying(ValidationException.class,
                        refused -> assertThat(refused.getMessage()).contains("2019-07-10"));
        assertThat(claim.checkPayment(movement("1.00", LocalDate.parse("2019-07-10")), TODAY))
                .isEqualTo(ClaimStatus.APPROVED);
    }

    @Test
    void onlyAnApprovedClaimIsPaid() {
        for (ClaimStatus status : List.of(ClaimStatus.SUBMITTED, ClaimStatus.PAID, ClaimStatus.REJECTED)) {
            Claim claim = claim(status, "100.00", "0", "0", List.of());
            assertThatThrownBy(() -> claim.checkPayment(movement("1.00", TODAY), TODAY))
                    .isInstanceOf(StateConflictException.class);
        }
    }

    @Test
    void anAdjustmentBelowWhatWasPaidRaisesARecoveryForTheDifferenceOnly() {
        Claim paid = claim(ClaimStatus.PAID, "100.00", "100.00", "100.00", List.of());
        Claim.AdjustmentOutcome first = paid.checkAdjustment(Money.parse("30.00"));
        assertThat(first.eligibleAfter()).isEqualTo(Money.parse("70.00"));
        assertThat(first.recoveryDue()).isEqualTo(Money.parse("30.00"));
        assertThat(first.statusAfter()).isEqualTo(ClaimStatus.PAID);

        Claim adjusted = claim(ClaimStatus.PAID, "100.00", "70.00", "100.00", List.of());
        assertThat(adjusted.checkAdjustment(Money.parse("20.00")).recoveryDue()).isEqualTo(Money.parse("20.00"));

        Claim partlyPaid = claim(ClaimStatus.APPROVED, "100.00", "100.00", "40.00", List.of());
        Claim.AdjustmentOutcome within = partlyPaid.checkAdjustment(Money.parse("50.00"));
        assertThat(within.recoveryDue().isZero()).isTrue();
        assertThat(within.statusAfter()).isEqualTo(ClaimStatus.APPROVED);
        Claim.AdjustmentOutcome beyond = partlyPaid.checkAdjustment(Money.parse("70.00"));
        assertThat(beyond.recoveryDue()).isEqualTo(Money.parse("10.00"));
        assertThat(beyond.statusAfter()).isEqualTo(ClaimStatus.PAID);
    }

    @Test
    void anAdjustmentNeverExceedsTheEligibleAmountAndNeedsAnApprovedOrPaidClaim() {
        Claim approved = claim(ClaimStatus.APPROVED, "100.00", "80.00", "0", List.of());
        assertThat(approved.checkAdjustment(Money.parse("80.00")).eligibleAfter().isZero()).isTrue();
        assertThatThrownBy(() -> approved.checkAdjustment(Money.parse("80.01")))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refused -> assertThat(refused.rule()).isEqualTo("adjustment-exceeds-eligible"));
        assertThatThrownBy(() -> claim(ClaimStatus.SUBMITTED, "100.00", "0", "0", List.of())
                .checkAdjustment(Money.parse("1.00")))
                .isInstanceOf(StateConflictException.class);
    }

    @Test
    void receiptsNeverExceedWhatIsOwedAndAreNotDatedInTheFutureOrBeforeTheRecovery() {
        Recovery recovery = new Recovery(UUID.randomUUID(), AwardId.random(), ClaimId.random(),
                Money.parse("30.00"), Money.parse("10.00"), "audit finding", "finance1", APPROVED_AT, List.of());
        assertThat(recovery.outstanding()).isEqualTo(Money.parse("20.00"));
        assertThat(recovery.isOpen()).isTrue();
        recovery.checkReceipt(movement("20.00", TODAY), TODAY);
        assertThatThrownBy(() -> recovery.checkReceipt(movement("20.01", TODAY), TODAY))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refused -> assertThat(refused.rule()).isEqualTo("receipt-exceeds-outstanding"));
        assertThatThrownBy(() -> recovery.checkReceipt(movement("1.00", TODAY.plusDays(1)), TODAY))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> recovery.checkReceipt(movement("1.00", LocalDate.parse("2019-07-09")), TODAY))
                .isInstanceOf(ValidationException.class);
    }

    private static Actor officer(String name) {
        return new Actor(UserId.random(), name, Role.FINANCE_OFFICER, null);
    }

    private static ClaimLine line(String amount) {
        return new ClaimLine("PDG Access", "Uniforms", Money.parse(amount));
    }

    private static Claim claim(ClaimStatus status, String amount, String eligible, String paid,
                               List<ClaimApproval> approvals) {
        boolean decided = status == ClaimStatus.APPROVED || status == ClaimStatus.PAID
                || status == ClaimStatus.REJECTED;
        return new Claim(ClaimId.random(), AwardId.random(), SchemeId.random(), OrganisationId.random(),
                LocalDate.parse("2019-04-01"), LocalDate.parse("2019-06-30"), status, Money.parse(amount),
                Money.parse(eligible), Money.parse(paid), RECIPIENT_USER, Instant.parse("2019-07-01T09:00:00Z"),
                status == ClaimStatus.DRAFT ? null : RECIPIENT_USER,
                status == ClaimStatus.DRAFT ? null : Instant.parse("2019-07-02T09:00:00Z"),
                decided ? OFFICER.userId() : null, decided ? APPROVED_AT : null, null, null,
                List.of(line(amount)), approvals);
    }

    private static Award award(String amount, String approved) {
        return new Award(AwardId.random(), SchemeId.random(), OrganisationId.random(), Money.parse(amount),
                AwardStatus.ACTIVE, Money.parse(approved), Money.parse(approved), Money.ZERO, Money.ZERO, List.of(),
                List.of(), MANAGER_USER, APPROVED_AT, APPROVED_AT, APPROVED_AT, null, null, null);
    }

    private static MoneyMovement movement(String amount, LocalDate on) {
        return new MoneyMovement(Money.parse(amount), on, "REF-1");
    }
}
