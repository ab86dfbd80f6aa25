package wales.gov.grants.users;

import org.junit.jupiter.api.Test;
import wales.gov.grants.kernel.Validator;
import wales.gov.grants.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {
    private final PasswordPolicy policy = PasswordPolicy.standard();

    @Test
    void theShippedDenyListIsReadWholeWithoutItsComments() {
        assertThat(policy.size()).isGreaterThan(7000);
        assertThat(refused("# common passwords refused as new passwords")).isFalse();
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        assertThat(refused("qwerty123456")).isTrue();
        assertThat(refused("QWERTY123456")).isTrue();
        assertThat(refused("Demo-Password")).isTrue();
        assertThat(refused("WelshGovernment")).isTrue();
        assertThat(refused(Fixtures.PASSWORD)).as("the tests' password").isFalse();
        assertThat(refused("Tŷ Hafan, Heol y Frenhines")).isFalse();
    }

    private boolean refused(String password) {
        Validator validator = new Validator();
        policy.check(validator, "password", password, "someone");
        return validator.hasErrors();
    }
}
