package wales.gov.grants.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {
    @ParameterizedTest
    @CsvSource({
            "0, 0, 0.00",
            "1, 100, 1.00",
            "1.5, 150, 1.50",
            "1.05, 105, 1.05",
            "2300000.00, 230000000, 2300000.00",
            "999999999999.99, 99999999999999, 999999999999.99",
    })
    void parsesDecimalPoundsIntoPenceAndFormatsWithTwoPlaces(String text, long pence, String formatted) {
        Money money = Money.parse(text);
        assertThat(money.pence()).isEqualTo(pence);
        assertThat(money.toDecimalString()).isEqualTo(formatted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1.00", "1.001", "1e5", "1,000.00", "£5", "01.00", ".50", "1.", "abc", "", " ",
            "1000000000000.00", "99999999999999999999", "NaN", "0x10"})
    void refusesAnythingButAPlainNonNegativeDecimalWithAtMostTwoPlaces(String text) {
        assertThatThrownBy(() -> Money.parse(text)).isInstanceOf(Money.InvalidMoneyException.class);
    }

    @Test
    void explainsEachRefusal() {
        assertThatThrownBy(() -> Money.parse("-5")).hasMessage("must not be negative");
        assertThatThrownBy(() -> Money.parse("5.123")).hasMessage("must have at most two decimal places");
        assertThatThrownBy(() -> Money.parse("1000000000000")).hasMessage("must not be more than 999999999999.99");
        assertThatThrownBy(() -> Money.parsePositive("0.00")).hasMessage("must be more than zero");
        assertThatThrownBy(() -> Money.parse("1,000.00"))
                .hasMessage("must not group thousands with commas: write 1000.00, not 1,000.00");
        assertThatThrownBy(() -> Money.parse("£5")).hasMessageStartingWith("must be a number of pounds without a currency sign");
        assertThatThrownBy(() -> Money.parse("5 GBP")).hasMessageStartingWith("must be a number of pounds without a currency sign");
    }

    @Test
    void arithmeticNeverGoesNegativeOrOverflows() {
        Money ten = Money.ofPounds(10);
        assertThat(ten.plus(Money.ofPence(5)).toDecimalString()).isEqualTo("10.05");
        assertThat(ten.minusOrZero(Money.ofPounds(20))).isEqualTo(Money.ZERO);
        assertThatThrownBy(() -> ten.minus(Money.ofPounds(20))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofPence(Money.MAX_PENCE).plus(Money.ofPence(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
