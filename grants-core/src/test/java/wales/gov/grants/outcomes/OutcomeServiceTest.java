package wales.gov.grants.outcomes;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardNotActiveException;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutcomeServiceTest {
    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final OutcomeService outcomes = fixtures.services().outcomes();
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor cardiff = fixtures.recipient(fixtures.cardiff());

    @Test
    void totalsUseTheLatestFigureOfEachPeriodAndShowTheVariance() {
        Award award = activeAward();
        String id = award.id().toString();
        outcomes.report(cardiff, AwardId.fromPath(id), new NewOutcomeReport("care-leavers-supported", "2019-06-30", new BigDecimal("30"),
                "Q1"));
        outcomes.report(cardiff, AwardId.fromPath(id), new NewOutcomeReport("care-leavers-supported", "2019-09-30", new BigDecimal("25"),
                null));
        outcomes.report(cardiff, AwardId.fromPath(id), new NewOutcomeReport("care-leavers-supported", "2019-06-30", new BigDecimal("35"),
                "Q1 corrected"));
        OutcomeProgress progress = outcomes.progress(manager, AwardId.fromPath(id)).get(0);
        assertThat(progress.reports()).hasSize(3);
        assertThat(progress.total()).isEqualByComparingTo("60");
        assertThat(progress.variance()).isEqualByComparingTo("-40");
        List<String> actions = fixtures.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT action FROM audit_events WHERE award_id = :id AND action = 'OUTCOME_REPORTED'")
                .bind("id", award.id().value()).mapTo(String.class).list());
        assertThat(actions).hasSize(3);
    }

    @Test
    void refusesUnknownMeasuresNegativeValuesAndPeriodsOutsideTheFinancialYear() {
        String id = activeAward().id().toString();
        assertThatThrownBy(() -> outcomes.report(cardiff, AwardId.fromPath(id), new NewOutcomeReport("cups-of-tea", "2019-06-30",
                BigDecimal.ONE, null))).isInstanceOf(ValidationException.class).hasMessageContaining("measure");
        assertThatThrownBy(() -> outcomes.report(cardiff, AwardId.fromPath(id), new NewOutcomeReport("care-leavers-supported",
                "2019-06-30", new BigDecimal("-1"), null))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> outcomes.report(cardiff, AwardId.fromPath(id), new NewOutcomeReport("care-leavers-supported",
                "2020-04-01", BigDecimal.ONE, null))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("2019-20");
        assertThatThrownBy(() -> outcomes.report(cardiff, AwardId.fromPath(id), new NewOutcomeReport("care-leavers-supported",
                "2019-03-31", BigDecimal.ONE, null))).isInstanceOf(ValidationException.class);
    }

    @Test
    void aPeriodIsReportedNoEarlierThanItsLastDay() {
        fixtures.clock().set(Instant.parse("2019-09-29T16:00:00Z"));
        AwardId award = activeAward().id();
        NewOutcomeReport secondQuarter = new NewOutcomeReport("care-leavers-supported", "2019-09-30",
                new BigDecimal("12"), "Q2");
        assertThatThrownBy(() -> outcomes.report(cardiff, award, secondQuarter))
                .isInstanceOf(ValidationException.class).hasMessageContaining("future");
        fixtures.clock().advance(Duration.ofDays(1));
        assertThat(outcomes.report(cardiff, award, secondQuarter).periodEnd()).isEqualTo(LocalDate.of(2019, 9, 30));
    }

    @Test
    void onlyTheOwnRecipientReportsAndOnlyOnAnActiveAward() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        Award draft = fixtures.award(manager, scheme, fixtures.cardiff(), "100.00");
        NewOutcomeReport report = new NewOutcomeReport("care-leavers-supported", "2019-06-30", BigDecimal.ONE, null);
        assertThatThrownBy(() -> outcomes.report(cardiff, draft.id(), report))
                .isInstanceOf(AwardNotActiveException.class);
        AwardId active = activeAward().id();
        assertThatThrownBy(() -> outcomes.report(fixtures.recipient(fixtures.swansea()), active, report))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> outcomes.report(manager, active, report))
                .isInstanceOf(PermissionDeniedException.class);
    }

    private Award activeAward() {
        Scheme scheme = fixtures.scheme(manager, "1000.00", "500.00");
        return fixtures.activeAward(manager, scheme, fixtures.cardiff(), "500.00", cardiff);
    }
}
