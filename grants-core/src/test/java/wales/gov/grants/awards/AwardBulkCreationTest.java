package wales.gov.grants.awards;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** {@link AwardService#checkAll} and {@link AwardService#createAll}: a bulk allocation made whole or not at all. */
class AwardBulkCreationTest {
    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final AwardService awards = fixtures.awards();
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);

    @Test
    void createAllCreatesEveryAwardAuditedAsTheActorWithTheDetails() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        List<Award> created = awards.createAll(manager, List.of(entry(scheme, fixtures.cardiff(), "600.00"),
                entry(scheme, fixtures.swansea(), "400.00")), Map.of("importedFrom", "awards.csv"));

        assertThat(created).extracting(award -> award.amount().toDecimalString()).containsExactly("600.00", "400.00");
        assertThat(created).allSatisfy(award -> {
            assertThat(award.status()).isEqualTo(AwardStatus.DRAFT);
            assertThat(award.createdBy()).isEqualTo(manager.userId());
            assertThat(award.conditions()).containsExactly("Spend only on care leavers");
        });
        assertThat(fixtures.schemes().get(manager, scheme.id()).allocated().toDecimalString()).isEqualTo("1000.00");
        List<String> events = fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT actor_username || ' ' || action || ' ' || (details ->> 'importedFrom')
                        FROM audit_events WHERE award_id = :id""")
                .bind("id", created.get(1).id().value()).mapTo(String.class).list());
        assertThat(events).containsExactly(manager.username() + " AWARD_CREATED awards.csv");
    }

    @Test
    void createAllCreatesNothingWhenTheEntriesTogetherExceedTheBudget() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        fixtures.award(manager, scheme, fixtures.organisation("W06000001"), "100.00");

        assertThatThrownBy(() -> awards.createAll(manager, List.of(entry(scheme, fixtures.cardiff(), "600.00"),
                entry(scheme, fixtures.swansea(), "300.01")), Map.of()))
                .isInstanceOfSatisfying(AwardsRefusedException.class, refused ->
                        assertThat(refused.problems()).singleElement().satisfies(problem -> {
                            assertThat(problem.entry()).isEqualTo(1);
                            assertThat(problem.field()).isEqualTo("amount");
                            assertThat(problem.message()).contains("would reach £1000.01", "£900.00 was unallocated",
                                    "£600.00 of it taken by the entries before this one");
                        }));
        assertThat(awardsOf(scheme)).isEqualTo(1);
        assertThat(fixtures.schemes().get(manager, scheme.id()).allocated().toDecimalString()).isEqualTo("100.00");
    }

    @Test
    void aBulkAllocationMakesOneAwardPerSchemeAndOrganisation() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        Award withdrawn = fixtures.award(manager, scheme, fixtures.organisation("W06000002"), "10.00");
        awards.transition(manager, withdrawn.id(), AwardTransition.WITHDRAW);
        fixtures.award(manager, scheme, fixtures.cardiff(), "10.00");

        List<AwardService.EntryProblem> problems = awards.checkAll(manager, List.of(
                entry(scheme, fixtures.cardiff(), "10.00"),
                entry(scheme, fixtures.swansea(), "10.00"),
                entry(scheme, fixtures.swansea(), "20.00"),
                entry(scheme, fixtures.organisation("W06000002"), "10.00")));

        assertThat(problems).extracting(AwardService.EntryProblem::entry, AwardService.EntryProblem::field,
                        AwardService.EntryProblem::repeats)
                .containsExactly(tuple(0, "organisationId", null),
                        tuple(2, "organisationId", 1));
        assertThat(problems.get(0).message()).startsWith("W06000015 already has an award under " + scheme.code());
    }

    @Test
    void checkAllReportsEveryEntrysOwnProblemsAndChangesNothing() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        List<AwardService.EntryProblem> problems = awards.checkAll(manager, List.of(
                entry(scheme, fixtures.cardiff(), "1,000.00"),
                new NewAward(scheme.id().toString(), fixtures.swansea().id().toString(), "5.00", List.of(),
                        List.of(new NewAward.NewOutcomeTarget("Care Leavers", "Care leavers", BigDecimal.ONE))),
                entry(scheme, fixtures.organisation("W06000001"), "999.00")));

        assertThat(problems).extracting(AwardService.EntryProblem::entry, AwardService.EntryProblem::field)
                .containsExactly(tuple(0, "amount"),
                        tuple(1, "outcomeTargets[0].measure"));
        assertThat(problems.get(0).message()).contains("commas");
        assertThat(awardsOf(scheme)).isZero();
    }

    @Test
    void aRecipientMayNotAllocate() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        Actor cardiff = fixtures.recipient(fixtures.cardiff());
        assertThatThrownBy(() -> awards.createAll(cardiff, List.of(entry(scheme, fixtures.cardiff(), "1.00")),
                Map.of())).isInstanceOf(PermissionDeniedException.class);
    }

    private static NewAward entry(Scheme scheme, Organisation organisation, String amount) {
        return new NewAward(scheme.id().toString(), organisation.id().toString(), amount,
                List.of("Spend only on care leavers"),
                List.of(new NewAward.NewOutcomeTarget("care-leavers-supported", "Care leavers supported",
                        new BigDecimal("10"))));
    }

    private long awardsOf(Scheme scheme) {
        return awards.list(manager, new AwardService.AwardFilter(scheme.id(), null, null), Page.Request.of(100, 0L))
                .total();
    }
}
