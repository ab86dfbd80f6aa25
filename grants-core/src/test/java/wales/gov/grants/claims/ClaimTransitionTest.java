package wales.gov.grants.claims;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.UserId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimTransitionTest {
    private static final Actor OFFICER = new Actor(UserId.random(), "finance1", Role.FINANCE_OFFICER, null);
    private static final Actor RECIPIENT = new Actor(UserId.random(), "cardiff", Role.RECIPIENT,
            new OrganisationId(UUID.randomUUID()));

    @ParameterizedTest
    @CsvSource({
            "SUBMIT, DRAFT, SUBMITTED",
            "SUBMIT, QUERIED, SUBMITTED",
            "APPROVE, SUBMITTED, APPROVED",
            "REJECT, SUBMITTED, REJECTED",
            "QUERY, SUBMITTED, QUERIED",
    })
    void allowsTheLifecycle(ClaimTransition transition, ClaimStatus from, ClaimStatus to) {
        assertThat(transition.apply(actorFor(transition), from)).isEqualTo(to);
    }

    @Test
    void refusesEveryOtherMoveWithAStateConflict() {
        int refused = 0;
        for (ClaimTransition transition : ClaimTransition.values()) {
            for (ClaimStatus from : ClaimStatus.values()) {
                if (!transition.allowedFrom(from)) {
                    assertThatThrownBy(() -> transition.apply(actorFor(transition), from))
                            .isInstanceOf(StateConflictException.class)
                            .hasMessageContaining(from.name());
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(ClaimTransition.values().length * ClaimStatus.values().length - 5);
    }

    @Test
    void nothingLeavesARejectedApprovedOrPaidClaim() {
        for (ClaimTransition transition : ClaimTransition.values()) {
            assertThat(transition.allowedFrom(ClaimStatus.REJECTED)).isFalse();
            assertThat(transition.allowedFrom(ClaimStatus.APPROVED)).isFalse();
            assertThat(transition.allowedFrom(ClaimStatus.PAID)).isFalse();
        }
    }

    @Test
    void onlyTheRightRoleMakesEachMove() {
        assertThatThrownBy(() -> ClaimTransition.SUBMIT.apply(OFFICER, ClaimStatus.DRAFT))
                .isInstanceOf(PermissionDeniedException.class);
        for (ClaimTransition decision : new ClaimTransition[] {ClaimTransition.APPROVE, ClaimTransition.REJECT,
                ClaimTransition.QUERY}) {
            assertThatThrownBy(() -> decision.apply(RECIPIENT, ClaimStatus.SUBMITTED))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> decision.apply(
                    new Actor(UserId.random(), "manager", Role.GRANT_MANAGER, null), ClaimStatus.SUBMITTED))
                    .isInstanceOf(PermissionDeniedException.class);
        }
    }

    private static Actor actorFor(ClaimTransition transition) {
        return transition.role() == Role.RECIPIENT ? RECIPIENT : OFFICER;
    }
}
