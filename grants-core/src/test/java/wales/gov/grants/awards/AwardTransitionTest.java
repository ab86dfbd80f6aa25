package wales.gov.grants.awards;

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

class AwardTransitionTest {
    private static final Actor MANAGER = new Actor(UserId.random(), "manager", Role.GRANT_MANAGER, null);
    private static final Actor RECIPIENT = new Actor(UserId.random(), "cardiff", Role.RECIPIENT,
            new OrganisationId(UUID.randomUUID()));

    @ParameterizedTest
    @CsvSource({
            "OFFER, DRAFT, OFFERED",
            "ACCEPT, OFFERED, ACTIVE",
            "WITHDRAW, DRAFT, WITHDRAWN",
            "WITHDRAW, OFFERED, WITHDRAWN",
            "CLOSE, ACTIVE, CLOSED",
    })
    void allowsTheLifecycle(AwardTransition transition, AwardStatus from, AwardStatus to) {
        Actor actor = transition == AwardTransition.ACCEPT ? RECIPIENT : MANAGER;
        assertThat(transition.apply(actor, from)).isEqualTo(to);
    }

    @Test
    void refusesEveryOtherMoveWithAStateConflict() {
        int refused = 0;
        for (AwardTransition transition : AwardTransition.values()) {
            Actor actor = transition == AwardTransition.ACCEPT ? RECIPIENT : MANAGER;
            for (AwardStatus from : AwardStatus.values()) {
                if (!transition.allowedFrom(from)) {
                    assertThatThrownBy(() -> transition.apply(actor, from))
                            .isInstanceOf(StateConflictException.class);
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(4 * 5 - 5);
    }

    @Test
    void onlyTheRightRoleMayMove() {
        assertThatThrownBy(() -> AwardTransition.ACCEPT.apply(MANAGER, AwardStatus.OFFERED))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> AwardTransition.OFFER.apply(RECIPIENT, AwardStatus.DRAFT))
                .isInstanceOf(PermissionDeniedException.class);
        Actor auditor = new Actor(UserId.random(), "auditor", Role.AUDITOR, null);
        for (AwardTransition transition : AwardTransition.values()) {
            assertThatThrownBy(() -> transition.apply(auditor, AwardStatus.DRAFT))
                    .isInstanceOf(PermissionDeniedException.class);
        }
    }

    @Test
    void recipientsSeeOnlyTheirOwnOrganisation() {
        assertThat(RECIPIENT.canSee(RECIPIENT.organisationId())).isTrue();
        assertThat(RECIPIENT.canSee(new OrganisationId(UUID.randomUUID()))).isFalse();
        assertThat(MANAGER.canSee(new OrganisationId(UUID.randomUUID()))).isTrue();
    }
}
