package wales.gov.grants.claims;

import java.util.List;

import org.junit.jupiter.api.Test;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.awards.Award;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A DRAFT or QUERIED claim changed by its organisation before it is submitted, by the rules of a new claim. */
class ClaimAmendTest {
    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final ClaimService claims = fixtures.claims();
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor officer = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor cardiff = fixtures.recipient(fixtures.cardiff());

    private Award activeAward(String amount) {
        Scheme scheme = fixtures.scheme(manager, "100000.00", "50000.00");
        return fixtures.activeAward(manager, scheme, fixtures.cardiff(), amount, cardiff);
    }

    private static NewClaim claim(String start, String end, String... amounts) {
        return new NewClaim(start, end, java.util.Arrays.stream(amounts)
                .map(amount -> new NewClaim.NewClaimLine("PDG Access", "Uniforms", amount)).toList());
    }

    @Test
    void aDraftsPeriodAndLinesAreReplacedAndAudited() {
        Award award = activeAward("1000.00");
        Claim draft = fixtures.draftClaim(cardiff, award, 10, "100.00");

        Claim amended = claims.amend(cardiff, draft.id(), claim(draft.periodStart().toString(), "2019-06-30",
                "40.00", "60.50"));

        assertThat(amended.status()).isEqualTo(ClaimStatus.DRAFT);
        assertThat(amended.amount()).isEqualTo(Money.parse("100.50"));
        assertThat(amended.lines()).extracting(ClaimLine::amount)
                .containsExactly(Money.parse("40.00"), Money.parse("60.50"));
        assertThat(amended.periodEnd().toString()).isEqualTo("2019-06-30");
        assertThat(claims.get(manager, draft.id()).history()).extracting(event -> event.action())
                .contains(AuditAction.CLAIM_AMENDED);
        assertThat(fixtures.awards().get(manager, award.id()).claimed()).isEqualTo(Money.ZERO);
    }

    @Test
    void aQueriedClaimMovesItsAwardsClaimedTotalByTheDifference() {
        Award award = activeAward("1000.00");
        Claim submitted = fixtures.submittedClaim(cardiff, award, 20, "300.00");
        claims.transition(officer, submitted.id(), ClaimTransition.QUERY, "Which schools?");

        claims.amend(cardiff, submitted.id(), claim("2019-04-21", "2019-04-21", "250.00"));

        assertThat(fixtures.awards().get(manager, award.id()).claimed()).isEqualTo(Money.parse("250.00"));
        Claim again = claims.transition(cardiff, submitted.id(), ClaimTransition.SUBMIT, null);
        assertThat(again.status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(fixtures.awards().get(manager, award.id()).claimed()).isEqualTo(Money.parse("250.00"));
    }

    @Test
    void amendingIsRefusedAsCreatingIs() {
        Award award = activeAward("1000.00");
        Claim draft = fixtures.draftClaim(cardiff, award, 30, "100.00");
        Claim other = fixtures.draftClaim(cardiff, award, 60, "100.00");
        Claim submitted = fixtures.submittedClaim(cardiff, award, 90, "100.00");
        Actor swansea = fixtures.recipient(fixtures.swansea());
        NewClaim valid = claim(draft.periodStart().toString(), draft.periodEnd().toString(), "10.00");

        assertThatThrownBy(() -> claims.amend(swansea, draft.id(), valid)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> claims.amend(officer, draft.id(), valid))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> claims.amend(cardiff, submitted.id(), claim(submitted.periodStart().toString(),
                submitted.periodEnd().toString(), "10.00"))).isInstanceOf(StateConflictException.class);
        assertThatThrownBy(() -> claims.amend(cardiff, draft.id(), claim(other.periodStart().toString(),
                other.periodEnd().toString(), "10.00")))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo("overlapping-period"));
        assertThatThrownBy(() -> claims.amend(cardiff, draft.id(), claim(draft.periodStart().toString(),
                draft.periodEnd().toString(), "1000.01")))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo("claim-exceeds-award"));
        assertThatThrownBy(() -> claims.amend(cardiff, draft.id(), new NewClaim("2019-04-01", "2019-04-02",
                List.of(new NewClaim.NewClaimLine("PDG Access", "Uniforms", "-1.00")))))
                .isInstanceOf(ValidationException.class);
        assertThat(claims.get(manager, draft.id()).claim().amount()).isEqualTo(Money.parse("100.00"));
    }
}
