package wales.gov.grants.awards;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.BudgetExceededException;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.recoveries.TotalsDao;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwardServiceTest {
    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final AwardService awards = fixtures.awards();
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);

    @Test
    void awardGoesFromDraftThroughOfferAndAcceptanceToActiveAndClosed() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        Actor cardiff = fixtures.recipient(fixtures.cardiff());
        Award draft = fixtures.award(manager, scheme, fixtures.cardiff(), "400.00");
        assertThat(draft.status()).isEqualTo(AwardStatus.DRAFT);
        assertThat(draft.conditions()).containsExactly("Spend only on care-experienced children");
        assertThat(draft.outcomeTargets()).singleElement()
                .satisfies(target -> assertThat(target.target()).isEqualByComparingTo("100"));

        Award offered = awards.transition(manager, draft.id(), AwardTransition.OFFER);
        assertThat(offered.status()).isEqualTo(AwardStatus.OFFERED);
        assertThat(offered.offered()).isPresent();
        Award active = awards.transition(cardiff, draft.id(), AwardTransition.ACCEPT);
        assertThat(active.status()).isEqualTo(AwardStatus.ACTIVE);
        Award closed = awards.transition(manager, draft.id(), AwardTransition.CLOSE);
        assertThat(closed.status()).isEqualTo(AwardStatus.CLOSED);
        assertThat(auditActions(draft)).containsExactly("AWARD_CREATED", "AWARD_OFFERED", "AWARD_ACCEPTED",
                "AWARD_CLOSED");
    }

    @Test
    void createRefusesAnAwardBeyondTheSchemeBudget() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        fixtures.award(manager, scheme, fixtures.cardiff(), "600.00");
        assertThatThrownBy(() -> fixtures.award(manager, scheme, fixtures.swansea(), "400.01"))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("£1000.01");
        fixtures.award(manager, scheme, fixtures.swansea(), "400.00");
        assertThat(fixtures.schemes().get(manager, scheme.id()).allocated().toDecimalString())
                .isEqualTo("1000.00");
    }

    @Test
    void withdrawingAnAwardReturnsItsAmountToTheBudget() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        Award award = fixtures.award(manager, scheme, fixtures.cardiff(), "1000.00");
        awards.transition(manager, award.id(), AwardTransition.WITHDRAW);
        assertThat(fixtures.schemes().get(manager, scheme.id()).allocated().isZero()).isTrue();
        fixtures.award(manager, scheme, fixtures.swansea(), "1000.00");
    }

    @Test
    void parallelCreationsNeverPushASchemeOverItsBudget() throws Exception {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        int attempts = 24;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int index = 0; index < attempts; index++) {
                Callable<Boolean> create = () -> {
                    start.await();
                    try {
                        fixtures.award(manager, scheme, fixtures.cardiff(), "100.00");
                        return true;
                    } catch (BudgetExceededException refused) {
                        return false;
                    }
                };
                results.add(pool.submit(create));
            }
            start.countDown();
            long created = 0;
            for (Future<Boolean> result : results) {
                if (result.get()) {
                    created++;
                }
            }
            assertThat(created).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        Scheme after = fixtures.schemes().get(manager, scheme.id());
        assertThat(after.allocated().toDecimalString()).isEqualTo("1000.00");
        long sumOfAwards = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT coalesce(sum(amount_pence), 0) FROM awards WHERE scheme_id = :id AND status <> 'WITHDRAWN'")
                .bind("id", scheme.id().value()).mapTo(Long.class).one());
        assertThat(sumOfAwards).isEqualTo(100_000L);
    }

    @Test
    void racingTransitionsHaveOneWinnerAndTheOthersGetAStateConflict() throws Exception {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        Award award = fixtures.award(manager, scheme, fixtures.cardiff(), "100.00");
        Actor cardiff = fixtures.recipient(fixtures.cardiff());
        awards.transition(manager, award.id(), AwardTransition.OFFER);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int index = 0; index < 20; index++) {
                AwardTransition transition = index % 2 == 0 ? AwardTransition.ACCEPT : AwardTransition.WITHDRAW;
                Actor actor = transition == AwardTransition.ACCEPT ? cardiff : manager;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return awards.transition(actor, award.id(), transition).status().name();
                    } catch (StateConflictException conflict) {
                        return "CONFLICT";
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get());
            }
            assertThat(outcomes.stream().filter(outcome -> !outcome.equals("CONFLICT"))).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherOrganisationsRecipientCannotSeeOrAcceptTheAward() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        Award award = fixtures.award(manager, scheme, fixtures.cardiff(), "100.00");
        awards.transition(manager, award.id(), AwardTransition.OFFER);
        Actor swansea = fixtures.recipient(fixtures.swansea());
        assertThatThrownBy(() -> awards.get(swansea, award.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> awards.transition(swansea, award.id(), AwardTransition.ACCEPT))
                .isInstanceOf(NotFoundException.class);
        Page<Award> visible = awards.list(swansea, new AwardService.AwardFilter(new SchemeId(scheme.id().value()), null, null),
                Page.Request.of(null, null));
        assertThat(visible.items()).isEmpty();
        assertThat(awards.get(manager, award.id()).status()).isEqualTo(AwardStatus.OFFERED);
    }

    @Test
    void onlyAGrantManagerCreatesAwards() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        for (Role role : List.of(Role.FINANCE_OFFICER, Role.AUDITOR, Role.ADMIN)) {
            assertThatThrownBy(() -> fixtures.award(fixtures.actor(role), scheme, fixtures.cardiff(), "1.00"))
                    .isInstanceOf(PermissionDeniedException.class);
        }
    }

    @Test
    void createReportsEveryInvalidFieldAtOnce() {
        NewAward invalid = new NewAward("not-an-id", null, "-5", List.of(""),
                List.of(new NewAward.NewOutcomeTarget("Bad Measure", "", new BigDecimal("-1.234"))));
        assertThatThrownBy(() -> awards.create(manager, invalid))
                .isInstanceOfSatisfying(ValidationException.class, exception -> assertThat(exception.errors())
                        .extracting(ValidationException.FieldError::field)
                        .contains("schemeId", "organisationId", "amount", "conditions[0]",
                                "outcomeTargets[0].measure", "outcomeTargets[0].description",
                                "outcomeTargets[0].target"));
    }

    @Test
    void theDatabaseItselfRefusesAllocationsBeyondTheBudget() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        assertThatThrownBy(() -> fixtures.jdbi().useExtension(TotalsDao.class,
                totals -> totals.addAllocated(scheme.id().value(), 100_001)))
                .hasMessageContaining("ck_schemes_allocated_within_budget");
    }

    private List<String> auditActions(Award award) {
        return fixtures.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT action FROM audit_events WHERE award_id = :id ORDER BY id")
                .bind("id", award.id().value()).mapTo(String.class).list());
    }
}
