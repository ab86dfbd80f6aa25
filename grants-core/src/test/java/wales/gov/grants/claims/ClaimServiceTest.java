package wales.gov.grants.claims;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import wales.gov.grants.audit.RecordedEvent;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardClosure;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.BudgetExceededException;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.RecoveryId;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.recoveries.NewReceipt;
import wales.gov.grants.recoveries.Recovery;
import wales.gov.grants.recoveries.RecoveryService;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimServiceTest {
    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final String today = fixtures.clock().today().toString();
    private final ClaimService claims = fixtures.claims();
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor finance1 = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor finance2 = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor cardiff = fixtures.recipient(fixtures.cardiff());

    @Test
    void aClaimGoesFromDraftThroughApprovalToPaidAndTheTotalsFollow() {
        Award award = activeAward("1000.00", "500.00");
        Claim draft = fixtures.draftClaim(cardiff, award, 0, "120.50", "79.50");
        assertThat(draft.status()).isEqualTo(ClaimStatus.DRAFT);
        assertThat(draft.amount()).isEqualTo(Money.parse("200.00"));
        assertThat(draft.lines()).hasSize(2);

        Claim submitted = claims.transition(cardiff, ClaimId.fromPath(id(draft)), ClaimTransition.SUBMIT, null);
        assertThat(submitted.status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(award(award).claimed()).isEqualTo(Money.parse("200.00"));

        Claim approved = claims.transition(finance1, ClaimId.fromPath(id(draft)), ClaimTransition.APPROVE, null);
        assertThat(approved.status()).isEqualTo(ClaimStatus.APPROVED);
        assertThat(approved.eligible()).isEqualTo(Money.parse("200.00"));
        assertThat(approved.approvals()).singleElement()
                .satisfies(approval -> assertThat(approval.approverUsername()).isEqualTo(finance1.username()));
        assertThat(award(award).approved()).isEqualTo(Money.parse("200.00"));
        assertThat(award(award).remaining()).isEqualTo(Money.parse("800.00"));

        PaymentResult part = claims.pay(finance1, ClaimId.fromPath(id(draft)), new NewPayment("150.00", today, "BACS-1"));
        assertThat(part.claim().status()).isEqualTo(ClaimStatus.APPROVED);
        PaymentResult rest = claims.pay(finance2, ClaimId.fromPath(id(draft)), new NewPayment("50", today, "BACS-2"));
        assertThat(rest.claim().status()).isEqualTo(ClaimStatus.PAID);
        assertThat(award(award).paid()).isEqualTo(Money.parse("200.00"));
        Scheme scheme = fixtures.schemes().get(manager, SchemeId.fromPath(award.schemeId().toString()));
        assertThat(scheme.approved()).isEqualTo(Money.parse("200.00"));
        assertThat(scheme.paid()).isEqualTo(Money.parse("200.00"));
        assertThatThrownBy(() -> claims.pay(finance1, ClaimId.fromPath(id(draft)), new NewPayment("0.01", today, "BACS-3")))
                .isInstanceOf(StateConflictException.class);

        ClaimDetails details = claims.get(finance1, ClaimId.fromPath(id(draft)));
        assertThat(details.payments()).extracting(payment -> payment.amount().toDecimalString())
                .containsExactly("150.00", "50.00");
        assertThat(details.history()).extracting(event -> event.action().name()).containsExactly("CLAIM_CREATED",
                "CLAIM_SUBMITTED", "CLAIM_APPROVED", "PAYMENT_RECORDED", "PAYMENT_RECORDED");
        RecordedEvent approval = details.history().get(2);
        assertThat(approval.before()).containsEntry("status", "SUBMITTED").containsEntry("awardApproved", "0.00");
        assertThat(approval.after()).containsEntry("status", "APPROVED").containsEntry("awardApproved", "200.00");
        RecordedEvent lastPayment = details.history().get(4);
        assertThat(lastPayment.before()).containsEntry("paid", "150.00");
        assertThat(lastPayment.after()).containsEntry("paid", "200.00").containsEntry("status", "PAID");
    }

    @Test
    void atTheThresholdTheFirstApprovalLeavesTheClaimSubmittedAndASecondOfficerApprovesIt() {
        Award award = activeAward("1000.00", "500.00");
        Claim claim = fixtures.submittedClaim(cardiff, award, 0, "500.00");
        Claim once = claims.transition(finance1, ClaimId.fromPath(id(claim)), ClaimTransition.APPROVE, null);
        assertThat(once.status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(once.approvals()).hasSize(1);
        assertThat(award(award).approved().isZero()).isTrue();
        assertThatThrownBy(() -> claims.transition(finance1, ClaimId.fromPath(id(claim)), ClaimTransition.APPROVE, null))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refused -> assertThat(refused.rule()).isEqualTo("second-approver-must-differ"));
        Claim twice = claims.transition(finance2, ClaimId.fromPath(id(claim)), ClaimTransition.APPROVE, null);
        assertThat(twice.status()).isEqualTo(ClaimStatus.APPROVED);
        assertThat(twice.approvals()).extracting(approval -> approval.approverUsername())
                .containsExactly(finance1.username(), finance2.username());
        assertThat(award(award).approved()).isEqualTo(Money.parse("500.00"));
    }

    @Test
    void theSubmitterAndTheOffererOfTheAwardNeverApprove() {
        Scheme scheme = fixtures.scheme(manager, "10000.00", "5000.00");
        User movedToFinance = fixtures.user(Role.FINANCE_OFFICER, null);
        Actor asManager = new Actor(movedToFinance.id(), movedToFinance.username(), Role.GRANT_MANAGER, null);
        Actor asOfficer = movedToFinance.asActor();
        Award award = fixtures.award(manager, scheme, fixtures.cardiff(), "1000.00");
        fixtures.awards().transition(asManager, award.id(), AwardTransition.OFFER);
        fixtures.awards().transition(cardiff, award.id(), AwardTransition.ACCEPT);
        Claim claim = fixtures.submittedClaim(cardiff, award, 0, "100.00");
        assertThatThrownBy(() -> claims.transition(asOfficer, ClaimId.fromPath(id(claim)), ClaimTransition.APPROVE, null))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refused -> assertThat(refused.rule()).isEqualTo("approver-offered-award"));

        User recipientTurnedOfficer = fixtures.user(Role.FINANCE_OFFICER, null);
        Actor asRecipient = new Actor(recipientTurnedOfficer.id(), recipientTurnedOfficer.username(),
                Role.RECIPIENT, fixtures.cardiff().id());
        Claim own = fixtures.submittedClaim(asRecipient, award, 1, "100.00");
        assertThatThrownBy(() -> claims.transition(recipientTurnedOfficer.asActor(), ClaimId.fromPath(id(own)),
                ClaimTransition.APPROVE, null))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refused -> assertThat(refused.rule()).isEqualTo("approver-is-submitter"));
        assertThat(claims.get(finance1, ClaimId.fromPath(id(own))).claim().status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(claims.get(finance1, ClaimId.fromPath(id(own))).claim().approvals()).isEmpty();
    }

    @Test
    void overlappingPeriodsAreRefusedUnlessTheEarlierClaimWasRejected() {
        Award award = activeAward("1000.00", "500.00");
        Claim first = fixtures.submittedClaim(cardiff, award, 10, "100.00");
        NewClaim overlapping = new NewClaim("2019-04-05", "2019-04-11", List.of(line("50.00")));
        assertThatThrownBy(() -> claims.create(cardiff, award.id(), overlapping))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refused -> assertThat(refused.rule()).isEqualTo("overlapping-period"));
        claims.transition(finance1, ClaimId.fromPath(id(first)), ClaimTransition.REJECT, "No invoices attached");
        Claim replacement = claims.create(cardiff, award.id(), overlapping);
        assertThat(replacement.status()).isEqualTo(ClaimStatus.DRAFT);
        assertThat(award(award).claimed().isZero()).isTrue();
    }

    @Test
    void periodsMustBeInOrderAndInsideTheSchemesFinancialYear() {
        Award award = activeAward("1000.00", "500.00");
        assertThatThrownBy(() -> claims.create(cardiff, award.id(),
                new NewClaim("2019-06-30", "2019-04-01", List.of(line("1.00")))))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.errors())
                        .extracting(ValidationException.FieldError::field).containsExactly("periodEnd"));
        assertThatThrownBy(() -> claims.create(cardiff, award.id(),
                new NewClaim("2019-03-01", "2019-04-30", List.of(line("1.00")))))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.getMessage())
                        .contains("periodStart", "2019-20"));
        assertThatThrownBy(() -> claims.create(cardiff, award.id(),
                new NewClaim("2020-03-01", "2020-04-01", List.of(line("1.00")))))
                .isInstanceOf(ValidationException.class);
        assertThat(claims.listForAward(manager, award.id(), Page.Request.of(null, null)).total())
                .isZero();
    }

    @Test
    void linesMustBePositiveAmountsWithAtMostTwoDecimalPlaces() {
        Award award = activeAward("1000.00", "500.00");
        NewClaim bad = new NewClaim("2019-04-01", "2019-04-30", List.of(line("0"), line("-5.00"), line("1.001"),
                new NewClaim.NewClaimLine("", "", "1.00")));
        assertThatThrownBy(() -> claims.create(cardiff, award.id(), bad))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.errors())
                        .extracting(ValidationException.FieldError::field)
                        .containsExactly("lines[0].amount", "lines[1].amount", "lines[2].amount",
                                "lines[3].category", "lines[3].description"));
        assertThatThrownBy(() -> claims.create(cardiff, award.id(),
                new NewClaim("2019-04-01", "2019-04-30", List.of())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("lines");
    }

    @Test
    void claimsAreMadeOnlyOnActiveAwardsOfTheRecipientsOwnOrganisation() {
        Scheme scheme = fixtures.scheme(manager, "10000.00", "5000.00");
        Award draftAward = fixtures.award(manager, scheme, fixtures.cardiff(), "1000.00");
        assertThatThrownBy(() -> fixtures.draftClaim(cardiff, draftAward, 0, "1.00"))
                .isInstanceOf(StateConflictException.class).hasMessageContaining("DRAFT");
        Award award = activeAward("1000.00", "500.00");
        Actor swansea = fixtures.recipient(fixtures.swansea());
        assertThatThrownBy(() -> fixtures.draftClaim(swansea, award, 0, "1.00"))
                .isInstanceOf(NotFoundException.class);
        Claim claim = fixtures.submittedClaim(cardiff, award, 0, "1.00");
        assertThatThrownBy(() -> claims.get(swansea, ClaimId.fromPath(id(claim)))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> claims.transition(swansea, ClaimId.fromPath(id(claim)), ClaimTransition.SUBMIT, null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.draftClaim(finance1, award, 1, "1.00"))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(claims.list(swansea, new ClaimService.ClaimFilter(award.schemeId(), null, null),
                Page.Request.of(null, null)).total()).isZero();
    }

    @Test
    void aQueryClearsApprovalsAndTheRecipientResubmits() {
        Award award = activeAward("1000.00", "500.00");
        Claim claim = fixtures.submittedClaim(cardiff, award, 0, "600.00");
        claims.transition(finance1, ClaimId.fromPath(id(claim)), ClaimTransition.APPROVE, null);
        Claim queried = claims.transition(finance2, ClaimId.fromPath(id(claim)), ClaimTransition.QUERY, "Which schools?");
        assertThat(queried.status()).isEqualTo(ClaimStatus.QUERIED);
        assertThat(queried.queryQuestion()).isEqualTo("Which schools?");
        assertThat(queried.approvals()).isEmpty();
        assertThatThrownBy(() -> claims.transition(finance2, ClaimId.fromPath(id(claim)), ClaimTransition.QUERY, " "))
                .isInstanceOf(ValidationException.class);
        Claim resubmitted = claims.transition(cardiff, ClaimId.fromPath(id(claim)), ClaimTransition.SUBMIT, null);
        assertThat(resubmitted.status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(award(award).claimed()).isEqualTo(Money.parse("600.00"));
    }

    @Test
    void paymentsAreDatedFromApprovalToTodayAndNotBeyondTheApprovedAmount() {
        Award award = activeAward("1000.00", "500.00");
        Claim claim = fixtures.approvedClaim(cardiff, finance1, award, 0, "100.00");
        LocalDate approvedOn = fixtures.clock().today();
        String tomorrow = approvedOn.plusDays(1).toString();
        String yesterday = approvedOn.minusDays(1).toString();
        assertThatThrownBy(() -> claims.pay(finance1, ClaimId.fromPath(id(claim)), new NewPayment("10.00", tomorrow, "R")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("future");
        assertThatThrownBy(() -> claims.pay(finance1, ClaimId.fromPath(id(claim)), new NewPayment("10.00", yesterday, "R")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("approved");
        assertThatThrownBy(() -> claims.pay(finance1, ClaimId.fromPath(id(claim)), new NewPayment("100.01", today, "R")))
                .isInstanceOf(RuleViolationException.class);
        Claim submitted = fixtures.submittedClaim(cardiff, award, 1, "100.00");
        assertThatThrownBy(() -> claims.pay(finance1, ClaimId.fromPath(id(submitted)), new NewPayment("1.00", today, "R")))
                .isInstanceOf(StateConflictException.class);
        assertThat(award(award).paid().isZero()).isTrue();
        assertThat(claims.get(finance1, ClaimId.fromPath(id(claim))).payments()).isEmpty();

        fixtures.clock().advance(Duration.ofDays(1));
        assertThat(claims.pay(finance1, ClaimId.fromPath(id(claim)), new NewPayment("10.00", approvedOn.toString(), "R"))
                .claim().paid()).as("a day later, a payment dated the day of approval").isEqualTo(Money.parse("10.00"));
        assertThat(claims.pay(finance1, ClaimId.fromPath(id(claim)), new NewPayment("10.00", tomorrow, "R"))
                .claim().paid()).as("the day that was tomorrow is today").isEqualTo(Money.parse("20.00"));
    }

    @Test
    void anAdjustmentBelowWhatWasPaidRaisesARecoveryThatReceiptsSettle() {
        Award award = activeAward("1000.00", "500.00");
        Claim claim = fixtures.approvedClaim(cardiff, finance1, award, 0, "300.00");
        claims.pay(finance1, ClaimId.fromPath(id(claim)), new NewPayment("300.00", today, "BACS-9"));
        assertThatThrownBy(() -> claims.adjust(finance2, ClaimId.fromPath(id(claim)), new NewAdjustment("300.01", "Audit finding")))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        refused -> assertThat(refused.rule()).isEqualTo("adjustment-exceeds-eligible"));

        AdjustmentResult result = claims.adjust(finance2, ClaimId.fromPath(id(claim)), new NewAdjustment("80.00", "Ineligible trip"));
        assertThat(result.claim().eligible()).isEqualTo(Money.parse("220.00"));
        assertThat(result.claim().status()).isEqualTo(ClaimStatus.PAID);
        Recovery recovery = result.raisedRecovery().orElseThrow();
        assertThat(recovery.amount()).isEqualTo(Money.parse("80.00"));
        assertThat(award(award).approved()).isEqualTo(Money.parse("220.00"));

        RecoveryService recoveries = fixtures.recoveries();
        assertThatThrownBy(() -> recoveries.receive(finance1, new RecoveryId(recovery.id()),
                new NewReceipt("80.01", today, "RCPT-1"))).isInstanceOf(RuleViolationException.class);
        Recovery part = recoveries.receive(finance1, new RecoveryId(recovery.id()),
                new NewReceipt("30.00", today, "RCPT-1"));
        assertThat(part.outstanding()).isEqualTo(Money.parse("50.00"));
        Recovery settled = recoveries.receive(finance1, new RecoveryId(recovery.id()),
                new NewReceipt("50.00", today, "RCPT-2"));
        assertThat(settled.isOpen()).isFalse();
        assertThat(settled.receipts()).hasSize(2);
        assertThat(award(award).recovered()).isEqualTo(Money.parse("80.00"));
        assertThat(recoveries.list(manager, RecoveryService.RecoveryFilter.parse(award.id().toString(), "OPEN"), Page.Request.of(null, null)).total())
                .isZero();
        assertThatThrownBy(() -> recoveries.list(cardiff, RecoveryService.RecoveryFilter.parse(award.id().toString(), null), Page.Request.of(null, null)))
                .isInstanceOf(PermissionDeniedException.class);

        ClaimDetails details = claims.get(finance1, ClaimId.fromPath(id(claim)));
        assertThat(details.adjustments()).singleElement().satisfies(adjustment -> {
            assertThat(adjustment.eligibleBefore()).isEqualTo(Money.parse("300.00"));
            assertThat(adjustment.eligibleAfter()).isEqualTo(Money.parse("220.00"));
        });
        assertThat(details.history()).extracting(event -> event.action().name())
                .contains("CLAIM_ADJUSTED", "RECOVERY_RAISED", "RECOVERY_RECEIPT_RECORDED");
    }

    @Test
    void closingRecordsTheUnderspendListsOpenRecoveriesAndStopsClaimsAndPayments() {
        Award award = activeAward("1000.00", "500.00");
        Claim paid = fixtures.approvedClaim(cardiff, finance1, award, 0, "400.00");
        claims.pay(finance1, ClaimId.fromPath(id(paid)), new NewPayment("400.00", today, "BACS-1"));
        claims.adjust(finance1, ClaimId.fromPath(id(paid)), new NewAdjustment("100.00", "Ineligible"));
        Claim approvedUnpaid = fixtures.approvedClaim(cardiff, finance1, award, 1, "50.00");

        AwardClosure closure = fixtures.awards().close(manager, award.id());
        assertThat(closure.award().underspendAtClose()).contains(Money.parse("650.00"));
        assertThat(closure.openRecoveries()).singleElement()
                .satisfies(recovery -> assertThat(recovery.outstanding()).isEqualTo(Money.parse("100.00")));
        assertThat(closure.unfinishedClaims()).isEqualTo(1);

        assertThatThrownBy(() -> fixtures.draftClaim(cardiff, award, 2, "1.00"))
                .isInstanceOf(StateConflictException.class).hasMessageContaining("CLOSED");
        assertThatThrownBy(() -> claims.pay(finance1, ClaimId.fromPath(id(approvedUnpaid)), new NewPayment("1.00", today, "R")))
                .isInstanceOf(StateConflictException.class).hasMessageContaining("CLOSED");
        assertThat(fixtures.awards().get(manager, award.id()).underspendAtClose())
                .contains(Money.parse("650.00"));
        claims.adjust(finance2, ClaimId.fromPath(id(approvedUnpaid)), new NewAdjustment("50.00", "Audit after close"));
        assertThat(fixtures.awards().get(manager, award.id()).underspendAtClose())
                .contains(Money.parse("700.00"));
        List<String> actions = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT action FROM audit_events WHERE award_id = :id AND action = 'AWARD_CLOSED'")
                .bind("id", award.id().value()).mapTo(String.class).list());
        assertThat(actions).hasSize(1);
    }

    @Test
    void theWorkQueueListsSubmittedClaimsOldestFirstFilteredBySchemeAndOrganisation() {
        Award award = activeAward("1000.00", "500.00");
        Claim first = fixtures.submittedClaim(cardiff, award, 5, "1.00");
        fixtures.draftClaim(cardiff, award, 1, "1.00");
        Claim second = fixtures.submittedClaim(cardiff, award, 0, "1.00");
        Page<Claim> queue = claims.list(finance1, new ClaimService.ClaimFilter(award.schemeId(),
                fixtures.cardiff().id(), ClaimStatus.SUBMITTED), Page.Request.of(null, null));
        assertThat(queue.items()).extracting(Claim::id).containsExactly(first.id(), second.id());
        assertThat(claims.list(cardiff, new ClaimService.ClaimFilter(award.schemeId(), null, null),
                Page.Request.of(null, null)).total()).isEqualTo(3);
        assertThatThrownBy(() -> claims.list(fixtures.actor(Role.ADMIN), new ClaimService.ClaimFilter(null, null,
                null), Page.Request.of(null, null))).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void twentyOfficersApprovingTwentyClaimsAtOnceApproveExactlyTheAward() throws Exception {
        Award award = activeAward("1000.00", "500.00");
        List<Claim> submitted = new ArrayList<>();
        for (int day = 0; day < 20; day++) {
            submitted.add(fixtures.submittedClaim(cardiff, award, day, "100.00"));
        }
        List<String> outcomes = race(20, index -> {
            Actor officer = index % 2 == 0 ? finance1 : finance2;
            try {
                return claims.transition(officer, ClaimId.fromPath(id(submitted.get(index))), ClaimTransition.APPROVE, null)
                        .status().name();
            } catch (BudgetExceededException refused) {
                return "422";
            }
        });
        assertThat(outcomes.stream().filter("APPROVED"::equals)).hasSize(10);
        assertThat(outcomes.stream().filter("422"::equals)).hasSize(10);
        Award after = award(award);
        assertThat(after.approved().toDecimalString()).isEqualTo("1000.00");
        assertThat(after.remaining().isZero()).isTrue();
        Page<Claim> stillSubmitted = claims.listForAward(finance1, award.id(), Page.Request.of(100, 0L));
        assertThat(stillSubmitted.items().stream().filter(claim -> claim.status() == ClaimStatus.SUBMITTED))
                .hasSize(10)
                .allSatisfy(claim -> assertThat(claim.approvals()).isEmpty());
        long approvedSum = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT coalesce(sum(eligible_pence), 0) FROM claims WHERE award_id = :id")
                .bind("id", award.id().value()).mapTo(Long.class).one());
        assertThat(approvedSum).isEqualTo(100_000L);
    }

    @Test
    void racingApproveAndRejectOfOneClaimHaveOneWinnerAndTheOtherGetsAConflict() throws Exception {
        Award award = activeAward("1000.00", "500.00");
        for (int round = 0; round < 5; round++) {
            Claim claim = fixtures.submittedClaim(cardiff, award, round, "10.00");
            List<String> outcomes = race(2, index -> {
                try {
                    return index == 0
                            ? claims.transition(finance1, ClaimId.fromPath(id(claim)), ClaimTransition.APPROVE, null).status().name()
                            : claims.transition(finance2, ClaimId.fromPath(id(claim)), ClaimTransition.REJECT, "Duplicate").status()
                                    .name();
                } catch (StateConflictException conflict) {
                    return "409";
                }
            });
            assertThat(outcomes).containsOnlyOnce("409");
            String winner = outcomes.stream().filter(outcome -> !outcome.equals("409")).findFirst().orElseThrow();
            assertThat(claims.get(finance1, ClaimId.fromPath(id(claim))).claim().status().name()).isEqualTo(winner);
        }
    }

    @Test
    void parallelPaymentsNeverTakeAClaimBeyondItsApprovedAmount() throws Exception {
        Award award = activeAward("1000.00", "500.00");
        Claim claim = fixtures.approvedClaim(cardiff, finance1, award, 0, "100.00");
        List<String> outcomes = race(20, index -> {
            try {
                claims.pay(index % 2 == 0 ? finance1 : finance2, ClaimId.fromPath(id(claim)),
                        new NewPayment("30.00", today, "BACS-" + index));
                return "PAID";
            } catch (RuleViolationException refused) {
                return "422";
            }
        });
        assertThat(outcomes.stream().filter("PAID"::equals)).hasSize(3);
        ClaimDetails details = claims.get(finance1, ClaimId.fromPath(id(claim)));
        assertThat(details.claim().paid()).isEqualTo(Money.parse("90.00"));
        assertThat(award(award).paid()).isEqualTo(Money.parse("90.00"));
    }

    private Award activeAward(String amount, String threshold) {
        Scheme scheme = fixtures.scheme(manager, "100000.00", threshold);
        return fixtures.activeAward(manager, scheme, fixtures.cardiff(), amount, cardiff);
    }

    private Award award(Award award) {
        return fixtures.awards().get(manager, award.id());
    }

    private static String id(Claim claim) {
        return claim.id().toString();
    }

    private static NewClaim.NewClaimLine line(String amount) {
        return new NewClaim.NewClaimLine("PDG Access", "Uniforms", amount);
    }

    private static List<String> race(int threads, Attempt attempt) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int index = 0; index < threads; index++) {
                int current = index;
                Callable<String> task = () -> {
                    start.await();
                    return attempt.run(current);
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Attempt {
        String run(int index);
    }
}
