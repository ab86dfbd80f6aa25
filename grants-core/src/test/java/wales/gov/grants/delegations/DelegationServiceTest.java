package wales.gov.grants.delegations;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import wales.gov.grants.audit.RecordedEvent;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.claims.ApprovalRequest;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.ClaimApproval;
import wales.gov.grants.claims.ClaimService;
import wales.gov.grants.claims.ClaimStatus;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.users.User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Delegated approval: each rule and each refusal, and that segregation of duties holds for both people. */
class DelegationServiceTest {
    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final DelegationService delegations = fixtures.services().delegations();
    private final ClaimService claims = fixtures.claims();
    private final LocalDate today = fixtures.clock().today();
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor admin = fixtures.actor(Role.ADMIN);
    private final Actor auditor = fixtures.actor(Role.AUDITOR);
    private final Actor away = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor deputy = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor third = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor cardiff = fixtures.recipient(fixtures.cardiff());

    private NewDelegation request(Actor delegate, int fromDay, int toDay) {
        return new NewDelegation(delegate.userId().toString(), today.plusDays(fromDay).toString(),
                today.plusDays(toDay).toString(), "Annual leave");
    }

    private static String rule(Runnable action) {
        try {
            action.run();
        } catch (RuleViolationException refused) {
            return refused.rule();
        }
        throw new AssertionError("not refused");
    }

    private static List<String> invalidFields(Runnable action) {
        try {
            action.run();
        } catch (ValidationException invalid) {
            return invalid.errors().stream().map(ValidationException.FieldError::field).toList();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aFinanceOfficerDelegatesForAPeriodAndTheChangeIsAudited() {
        Delegation delegation = delegations.create(away, request(deputy, 0, 29));
        assertThat(delegation.delegatorId()).isEqualTo(away.userId());
        assertThat(delegation.delegateId()).isEqualTo(deputy.userId());
        assertThat(delegation.from()).isEqualTo(today);
        assertThat(delegation.to()).isEqualTo(today.plusDays(29));
        assertThat(delegation.activeOn(today)).isTrue();
        RecordedEvent event = lastEvent(delegation);
        assertThat(event.action().name()).isEqualTo("DELEGATION_CREATED");
        assertThat(event.after()).containsEntry("delegate", deputy.username()).containsEntry("reason",
                "Annual leave");
    }

    @Test
    void noDelegationToOneself() {
        assertThat(rule(() -> delegations.create(away, request(away, 0, 1)))).isEqualTo("delegation-to-oneself");
    }

    @Test
    void noDelegationLongerThanTheConfiguredMaximum() {
        assertThat(invalidFields(() -> delegations.create(away, request(deputy, 0, 30)))).containsExactly("to");
        DelegationService week = new DelegationService(fixtures.jdbi(), fixtures.auditLog(), fixtures.clock(), 7);
        assertThat(invalidFields(() -> week.create(away, request(deputy, 0, 7)))).containsExactly("to");
        assertThat(week.create(away, request(deputy, 0, 6)).to()).isEqualTo(today.plusDays(6));
    }

    @Test
    void fromMustNotBeAfterToNorInThePastAndEveryFieldIsChecked() {
        assertThat(invalidFields(() -> delegations.create(away, request(deputy, 3, 2)))).containsExactly("to");
        assertThat(invalidFields(() -> delegations.create(away, request(deputy, -1, 2)))).containsExactly("from");
        assertThat(invalidFields(() -> delegations.create(away, new NewDelegation(null, "tomorrow", "2020-13-01",
                "\u0000")))).containsExactly("delegateId", "from", "to", "reason");
        assertThat(invalidFields(() -> delegations.create(away, new NewDelegation("not-an-id", today.toString(),
                today.toString(), "x".repeat(2001))))).containsExactly("delegateId", "reason");
    }

    @Test
    void theDelegateMustBeAnActiveFinanceOfficer() {
        assertThat(rule(() -> delegations.create(away, request(manager, 0, 1))))
                .isEqualTo("delegate-not-finance-officer");
        assertThat(rule(() -> delegations.create(away, request(cardiff, 0, 1))))
                .isEqualTo("delegate-not-finance-officer");
        assertThat(rule(() -> delegations.create(away, new NewDelegation(java.util.UUID.randomUUID().toString(),
                today.toString(), today.toString(), "Leave")))).isEqualTo("delegate-not-finance-officer");
        Actor disabled = fixtures.actor(Role.FINANCE_OFFICER);
        fixtures.jdbi().useHandle(handle -> handle.execute("UPDATE users SET enabled = false WHERE id = ?",
                disabled.userId().value()));
        assertThat(rule(() -> delegations.create(away, request(disabled, 0, 1))))
                .isEqualTo("delegate-not-finance-officer");
    }

    @Test
    void onlyAFinanceOfficerDelegates() {
        for (Actor actor : List.of(manager, admin, auditor, cardiff)) {
            assertThatThrownBy(() -> delegations.create(actor, request(deputy, 0, 1)))
                    .isInstanceOf(PermissionDeniedException.class);
        }
    }

    @Test
    void noTwoLiveDelegationsOfOneDelegatorOverlapButARevokedOneFreesItsPeriod() {
        Delegation first = delegations.create(away, request(deputy, 0, 9));
        assertThat(rule(() -> delegations.create(away, request(third, 9, 12)))).isEqualTo("overlapping-delegation");
        assertThat(rule(() -> delegations.create(away, request(deputy, 2, 3)))).isEqualTo("overlapping-delegation");
        assertThat(delegations.create(away, request(third, 10, 12)).from()).isEqualTo(today.plusDays(10));
        // another delegator's period is theirs alone
        assertThat(delegations.create(third, request(deputy, 0, 9)).delegatorId()).isEqualTo(third.userId());
        delegations.revoke(away, first.id().toString());
        assertThat(delegations.create(away, request(third, 0, 9)).delegateId()).isEqualTo(third.userId());
    }

    @Test
    void theDatabaseRefusesOverlappingDelegationsWrittenAroundTheService() {
        delegations.create(away, request(deputy, 0, 9));
        assertThatThrownBy(() -> fixtures.jdbi().useHandle(handle -> handle.execute("""
                INSERT INTO delegations (id, delegator_id, delegate_id, starts_on, ends_on, reason, created_at)
                VALUES (gen_random_uuid(), ?, ?, ?, ?, 'bypass', now())""", away.userId().value(),
                third.userId().value(), today.plusDays(5), today.plusDays(15))))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("ex_delegations_one_at_a_time");
    }

    @Test
    void twoConcurrentOverlappingDelegationsHaveOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Delegation>> results = new ArrayList<>();
            for (Actor delegate : List.of(deputy, third)) {
                Callable<Delegation> attempt = () -> {
                    start.await();
                    return delegations.create(away, request(delegate, 1, 5));
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            int won = 0;
            int refused = 0;
            for (Future<Delegation> result : results) {
                try {
                    result.get();
                    won++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(RuleViolationException.class,
                            refusal -> assertThat(refusal.rule()).isEqualTo("overlapping-delegation"));
                    refused++;
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(refused).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        long live = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM delegations WHERE delegator_id = ? AND revoked_at IS NULL")
                .bind(0, away.userId().value()).mapTo(Long.class).one());
        assertThat(live).isEqualTo(1);
    }

    @Test
    void theDelegatorAGrantManagerOrAnAdministratorRevokesAndNobodyElse() {
        Delegation first = delegations.create(away, request(deputy, 0, 1));
        assertThatThrownBy(() -> delegations.revoke(deputy, first.id().toString()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> delegations.revoke(third, first.id().toString()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> delegations.revoke(auditor, first.id().toString()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> delegations.revoke(cardiff, first.id().toString()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> delegations.revoke(away, "not-an-id")).isInstanceOf(NotFoundException.class);
        Delegation revoked = delegations.revoke(away, first.id().toString());
        assertThat(revoked.revoked()).isTrue();
        assertThat(revoked.revokedByUsername()).isEqualTo(away.username());
        assertThat(lastEvent(revoked).action().name()).isEqualTo("DELEGATION_REVOKED");
        assertThatThrownBy(() -> delegations.revoke(away, first.id().toString()))
                .isInstanceOf(StateConflictException.class);

        Delegation second = delegations.create(away, request(deputy, 2, 3));
        assertThat(delegations.revoke(manager, second.id().toString()).revokedByUsername())
                .isEqualTo(manager.username());
        Delegation third = delegations.create(away, request(deputy, 4, 5));
        assertThat(delegations.revoke(admin, third.id().toString()).revoked()).isTrue();
    }

    @Test
    void aFinanceOfficerListsTheDelegationsTheyArePartyToAndManagersListAll() {
        Delegation mine = delegations.create(away, request(deputy, 0, 1));
        Delegation others = delegations.create(third, request(fixtures.actor(Role.FINANCE_OFFICER), 0, 1));
        assertThat(ids(away)).contains(mine.id()).doesNotContain(others.id());
        assertThat(ids(deputy)).contains(mine.id()).doesNotContain(others.id());
        assertThat(ids(manager)).contains(mine.id(), others.id());
        assertThat(ids(admin)).contains(mine.id(), others.id());
        assertThat(ids(auditor)).contains(mine.id(), others.id());
        assertThatThrownBy(() -> delegations.list(cardiff, wales.gov.grants.kernel.Page.Request.of(10, 0L)))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void anApprovalUnderADelegationRecordsBothPeople() {
        Award award = award("1000.00", "500.00");
        Claim claim = fixtures.submittedClaim(cardiff, award, 0, "100.00");
        Delegation delegation = delegations.create(away, request(deputy, 0, 3));
        Claim approved = claims.approve(deputy, claim.id(), onBehalfOf(away));
        assertThat(approved.status()).isEqualTo(ClaimStatus.APPROVED);
        ClaimApproval approval = approved.approvals().get(0);
        assertThat(approval.approverUsername()).isEqualTo(deputy.username());
        assertThat(approval.onBehalfOfId()).isEqualTo(away.userId());
        assertThat(approval.onBehalfOfUsername()).isEqualTo(away.username());
        assertThat(claims.get(away, claim.id()).claim().approvals()).containsExactly(approval);
        RecordedEvent event = claims.get(away, claim.id()).history().get(2);
        assertThat(event.details()).containsEntry("onBehalfOf", away.username())
                .containsEntry("delegationId", delegation.id().toString());
    }

    @Test
    void anApprovalOnBehalfOfSomeoneNeedsTheirDelegationInForceToday() {
        Award award = award("1000.00", "500.00");
        Claim claim = fixtures.submittedClaim(cardiff, award, 0, "100.00");
        assertThat(rule(() -> claims.approve(deputy, claim.id(), onBehalfOf(away)))).isEqualTo("no-active-delegation");
        Delegation later = delegations.create(away, request(deputy, 2, 3));
        assertThat(rule(() -> claims.approve(deputy, claim.id(), onBehalfOf(away)))).isEqualTo("no-active-delegation");
        // a delegation to someone else lends nothing to this officer
        assertThat(rule(() -> claims.approve(third, claim.id(), onBehalfOf(away)))).isEqualTo("no-active-delegation");
        assertThat(invalidFields(() -> claims.approve(deputy, claim.id(), new ApprovalRequest(null, null, "x"))))
                .containsExactly("onBehalfOf");
        assertThat(invalidFields(() -> claims.approve(deputy, claim.id(), onBehalfOf(deputy))))
                .containsExactly("onBehalfOf");
        delegations.revoke(manager, later.id().toString());
        fixtures.clock().advance(Duration.ofDays(2));
        assertThat(rule(() -> claims.approve(deputy, claim.id(), onBehalfOf(away)))).isEqualTo("no-active-delegation");
        Delegation now = delegations.create(away, request(deputy, 2, 3));
        fixtures.clock().advance(Duration.ofDays(2));
        assertThat(rule(() -> claims.approve(deputy, claim.id(), onBehalfOf(away)))).isEqualTo("no-active-delegation");
        assertThat(claims.get(manager, claim.id()).claim().status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(now.to()).isEqualTo(fixtures.clock().today().minusDays(1));
    }

    @Test
    void aDelegationIsInForceFromItsFirstToItsLastDay() {
        Award award = award("1000.00", "500.00");
        Claim first = fixtures.submittedClaim(cardiff, award, 0, "100.00");
        Claim last = fixtures.submittedClaim(cardiff, award, 1, "100.00");
        delegations.create(away, request(deputy, 1, 2));
        fixtures.clock().advance(Duration.ofDays(1));
        assertThat(claims.approve(deputy, first.id(), onBehalfOf(away)).status()).isEqualTo(ClaimStatus.APPROVED);
        fixtures.clock().advance(Duration.ofDays(1));
        assertThat(claims.approve(deputy, last.id(), onBehalfOf(away)).status()).isEqualTo(ClaimStatus.APPROVED);
    }

    @Test
    void aDelegateMayNotApproveOnBehalfOfTheClaimsSubmitter() {
        Award award = award("1000.00", "500.00");
        User officerAsRecipient = fixtures.user(Role.FINANCE_OFFICER, null);
        Claim claim = fixtures.submittedClaim(cardiff, award, 0, "100.00");
        // the submitter later moved to finance (as a person may) and delegated to the deputy
        fixtures.jdbi().useHandle(handle -> handle.execute(
                "UPDATE claims SET submitted_by = ? WHERE id = ?", officerAsRecipient.id().value(), claim.id().value()));
        delegations.create(officerAsRecipient.asActor(), request(deputy, 0, 3));
        assertThat(rule(() -> claims.approve(deputy, claim.id(), onBehalfOf(officerAsRecipient.asActor()))))
                .isEqualTo("approver-is-submitter");
    }

    @Test
    void aDelegateMayNotApproveOnBehalfOfTheAwardsOfferer() {
        Scheme scheme = fixtures.scheme(manager, "10000.00", "5000.00");
        User offerer = fixtures.user(Role.FINANCE_OFFICER, null);
        Actor offererAsManager = new Actor(offerer.id(), offerer.username(), Role.GRANT_MANAGER, null);
        Award award = fixtures.award(manager, scheme, fixtures.cardiff(), "1000.00");
        fixtures.awards().transition(offererAsManager, award.id(), AwardTransition.OFFER);
        fixtures.awards().transition(cardiff, award.id(), AwardTransition.ACCEPT);
        Claim claim = fixtures.submittedClaim(cardiff, award, 0, "100.00");
        delegations.create(offerer.asActor(), request(deputy, 0, 3));
        assertThat(rule(() -> claims.approve(deputy, claim.id(), onBehalfOf(offerer.asActor()))))
                .isEqualTo("approver-offered-award");
        // and the approver in person is held to the same duties as before
        assertThat(rule(() -> claims.approve(offerer.asActor(), claim.id(), ApprovalRequest.PLAIN)))
                .isEqualTo("approver-offered-award");
    }

    @Test
    void aDelegateCannotGiveBothApprovalsOfADualApprovalClaim() {
        Award award = award("1000.00", "50.00");
        Claim claim = fixtures.submittedClaim(cardiff, award, 0, "100.00");
        delegations.create(away, request(deputy, 0, 3));
        Claim once = claims.approve(deputy, claim.id(), ApprovalRequest.PLAIN);
        assertThat(once.status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(rule(() -> claims.approve(deputy, claim.id(), onBehalfOf(away))))
                .isEqualTo("second-approver-must-differ");
        assertThat(claims.approve(third, claim.id(), ApprovalRequest.PLAIN).status()).isEqualTo(ClaimStatus.APPROVED);
    }

    @Test
    void theDelegatorAndTheirDelegateCannotGiveTheTwoApprovals() {
        Award award = award("1000.00", "50.00");
        delegations.create(away, request(deputy, 0, 3));
        Claim first = fixtures.submittedClaim(cardiff, award, 0, "100.00");
        claims.approve(deputy, first.id(), onBehalfOf(away));
        assertThat(rule(() -> claims.approve(away, first.id(), ApprovalRequest.PLAIN)))
                .isEqualTo("second-approver-must-differ");
        assertThat(rule(() -> claims.approve(deputy, first.id(), ApprovalRequest.PLAIN)))
                .isEqualTo("second-approver-must-differ");

        Claim second = fixtures.submittedClaim(cardiff, award, 1, "100.00");
        claims.approve(away, second.id(), ApprovalRequest.PLAIN);
        assertThat(rule(() -> claims.approve(deputy, second.id(), onBehalfOf(away))))
                .isEqualTo("second-approver-must-differ");
        Claim done = claims.approve(deputy, second.id(), ApprovalRequest.PLAIN);
        assertThat(done.status()).isEqualTo(ClaimStatus.APPROVED);
        assertThat(done.approvals()).extracting(ClaimApproval::approverUsername)
                .containsExactly(away.username(), deputy.username());
    }

    private Award award(String amount, String threshold) {
        Scheme scheme = fixtures.scheme(manager, "10000.00", threshold);
        return fixtures.activeAward(manager, scheme, fixtures.cardiff(), amount, cardiff);
    }

    private static ApprovalRequest onBehalfOf(Actor delegator) {
        return new ApprovalRequest(null, null, delegator.userId().toString());
    }

    private List<java.util.UUID> ids(Actor actor) {
        return delegations.list(actor, wales.gov.grants.kernel.Page.Request.of(500, 0L)).items().stream()
                .map(Delegation::id).toList();
    }

    private RecordedEvent lastEvent(Delegation delegation) {
        return fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT * FROM audit_events WHERE object_id = ? ORDER BY id DESC LIMIT 1")
                .bind(0, delegation.id().toString()).map(new wales.gov.grants.audit.RecordedEventMapper()).one());
    }
}
