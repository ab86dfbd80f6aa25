package wales.gov.grants.kernel;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FinancialYearTest {
    @Test
    void runsFromAprilToMarch() {
        FinancialYear year = FinancialYear.parse("2019-20");
        assertThat(year.firstDay()).isEqualTo(LocalDate.of(2019, 4, 1));
        assertThat(year.lastDay()).isEqualTo(LocalDate.of(2020, 3, 31));
        assertThat(year.contains(LocalDate.of(2020, 3, 31))).isTrue();
        assertThat(year.contains(LocalDate.of(2020, 4, 1))).isFalse();
        assertThat(year).hasToString("2019-20");
        assertThat(FinancialYear.containing(LocalDate.of(2020, 2, 1))).isEqualTo(year);
        assertThat(FinancialYear.parse("2098-99")).hasToString("2098-99");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2019-21", "2019/20", "19-20", "2019-2020", "", "1999-00"})
    void refusesYearsThatAreNotConsecutiveOrWellWritten(String text) {
        assertThatThrownBy(() -> FinancialYear.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
