package wales.gov.grants.samples;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import wales.gov.grants.audit.CanonicalJson;
import wales.gov.grants.kernel.Digests;
import wales.gov.grants.kernel.SchemeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The sampling method on its own: no database, exact numbers. */
class MonetaryUnitSamplingTest {
    @Test
    void theGeneratorIsTheDocumentedOneAndGivesTheNumbersAnIndependentImplementationGives() {
        // computed with Python's hashlib from the description on MonetaryUnitSampling, not with this code
        assertThat(MonetaryUnitSampling.randomBelow(42, 1000)).isEqualTo(971);
        assertThat(MonetaryUnitSampling.randomBelow(0, 123_456_789)).isEqualTo(32_637_833);
        assertThat(MonetaryUnitSampling.randomBelow(-1, 99_999_999_999_999L)).isEqualTo(89_482_030_003_769L);
        assertThat(MonetaryUnitSampling.randomBelow(Long.MAX_VALUE, 7)).isEqualTo(3);
    }

    @Test
    void theSameSeedGivesTheSameSelectionAndAnotherSeedAnother() {
        long[] amounts = amounts(200, 10_000);
        MonetaryUnitSampling.Selection first = MonetaryUnitSampling.select(amounts, 20, 2019);
        MonetaryUnitSampling.Selection again = MonetaryUnitSampling.select(amounts, 20, 2019);
        MonetaryUnitSampling.Selection other = MonetaryUnitSampling.select(amounts, 20, 2020);
        assertThat(again).isEqualTo(first);
        assertThat(other.randomStart()).isNotEqualTo(first.randomStart());
        assertThat(other.hits()).isNotEqualTo(first.hits());
        assertThat(first.hits().stream().mapToInt(MonetaryUnitSampling.Hit::hits).sum()).isEqualTo(20);
    }

    @Test
    void everyPennyIsSelectedWithProbabilitySizeOverTotalExactly() {
        // every random start of a population of 10 pence, 3 drawn: each penny is chosen by exactly 3 of the 10
        long total = 10;
        int size = 3;
        int[] chosen = new int[(int) total];
        for (long start = 0; start < total; start++) {
            for (int k = 0; k < size; k++) {
                chosen[(int) MonetaryUnitSampling.unit(start, k, total, size)]++;
            }
        }
        assertThat(chosen).containsOnly(3);
    }

    @Test
    void aLineOfAtLeastTheIntervalIsSelectedWhateverTheSeedAndHoldsItsShareOfHits() {
        // 1,000 pence in small lines and one of 2,500: total 3,500, size 7, interval 500; the large line is 5 intervals
        long[] amounts = new long[11];
        for (int index = 0; index < 10; index++) {
            amounts[index] = 100;
        }
        amounts[10] = 2_500;
        for (long seed = 0; seed < 500; seed++) {
            MonetaryUnitSampling.Selection selection = MonetaryUnitSampling.select(amounts, 7, seed);
            MonetaryUnitSampling.Hit large = selection.hits().get(selection.hits().size() - 1);
            assertThat(large.index()).isEqualTo(10);
            assertThat(large.hits()).as("2,500 / 500").isEqualTo(5);
            assertThat(selection.certain(2_500)).isTrue();
            assertThat(selection.certain(100)).isFalse();
            assertThat(selection.certain(500)).as("exactly the interval").isTrue();
            assertThat(selection.hits().size()).as("the small lines hold the other two pennies").isEqualTo(3);
        }
        // a line of 2.5 intervals holds 2 or 3 pennies, 2.5 on average
        long[] uneven = {1_250, 250, 250, 250, 500};
        int[] counts = new int[4];
        int draws = 4_000;
        long totalHits = 0;
        for (long seed = 0; seed < draws; seed++) {
            MonetaryUnitSampling.Hit first = MonetaryUnitSampling.select(uneven, 5, seed).hits().get(0);
            assertThat(first.index()).isEqualTo(0);
            counts[first.hits()]++;
            totalHits += first.hits();
        }
        assertThat(counts[0] + counts[1]).isZero();
        assertThat(counts[2] + counts[3]).isEqualTo(draws);
        assertThat((double) totalHits / draws).isCloseTo(2.5, within(0.05));
    }

    @Test
    void aLineIsSelectedInProportionToItsAmount() {
        // lines of 1, 2, 3 and 4 pounds (and filler) below the interval: P(selected) = amount * size / total
        long[] amounts = new long[44];
        for (int index = 0; index < 40; index++) {
            amounts[index] = 1_000;
        }
        amounts[40] = 100;
        amounts[41] = 200;
        amounts[42] = 300;
        amounts[43] = 400;
        long total = 41_000;
        int size = 10;
        int draws = 20_000;
        int[] selected = new int[amounts.length];
        // a fixed range of seeds is one run of the experiment: in this one every count is within 4 sigma (seeds
        // 1..20,000 put the 400 pence line at 4.4 sigma, which an independent implementation in Python confirms)
        for (long seed = 100_001; seed <= 100_000 + draws; seed++) {
            for (MonetaryUnitSampling.Hit hit : MonetaryUnitSampling.select(amounts, size, seed).hits()) {
                selected[hit.index()]++;
            }
        }
        for (int index = 40; index < 44; index++) {
            double p = (double) amounts[index] * size / total;
            double sigma = Math.sqrt(draws * p * (1 - p));
            assertThat((double) selected[index]).as("line of " + amounts[index] + " pence")
                    .isCloseTo(draws * p, within(4 * sigma));
        }
        // 1,000 pence lines: p = 10,000 / 41,000
        double filler = (double) 1_000 * size / total;
        int fillerSelected = 0;
        for (int index = 0; index < 40; index++) {
            fillerSelected += selected[index];
        }
        assertThat((double) fillerSelected / (40.0 * draws)).isCloseTo(filler, within(0.005));
        assertThat((double) selected[43] / selected[40]).as("4 pounds against 1").isCloseTo(4.0, within(0.6));
    }

    @Test
    void unitsAreExactBeyondSixtyFourBitsOfProduct() {
        long total = 99_999_999_999_999L;
        int size = 10_000;
        long start = total - 1;
        for (long k : new long[] {0, 1, 9_999, 92_233, 92_234, 5_000}) {
            long expected = BigInteger.valueOf(k).multiply(BigInteger.valueOf(total)).add(BigInteger.valueOf(start))
                    .divide(BigInteger.valueOf(size)).longValueExact();
            assertThat(MonetaryUnitSampling.unit(start, k, total, size)).isEqualTo(expected);
        }
        MonetaryUnitSampling.Selection selection = MonetaryUnitSampling.select(new long[] {total}, size, 7);
        assertThat(selection.hits()).singleElement().satisfies(hit -> assertThat(hit.hits()).isEqualTo(size));
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> MonetaryUnitSampling.select(new long[] {100, 0}, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MonetaryUnitSampling.select(new long[] {100}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MonetaryUnitSampling.select(new long[] {Long.MAX_VALUE, 1}, 1, 1))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> MonetaryUnitSampling.randomBelow(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePopulationDigestStreamedIsTheDigestOfTheWholeCanonicalForm() {
        SchemeId scheme = new SchemeId(UUID.fromString("0f000000-0000-4000-8000-000000000001"));
        List<Population.PopulationLine> lines = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            lines.add(new Population.PopulationLine(UUID.fromString("0a000000-0000-4000-8000-00000000000" + index),
                    index, "PDG Access", "Gwisg ysgol \"ŵ\"\n" + index, 1_000L + index,
                    UUID.fromString("0b000000-0000-4000-8000-000000000001"),
                    UUID.fromString("0c000000-0000-4000-8000-000000000001")));
        }
        String whole = HexFormat.of().formatHex(Digests.sha256().digest(
                CanonicalJson.write(Population.canonical(scheme, lines)).getBytes(StandardCharsets.UTF_8)));
        assertThat(Population.digest(scheme, lines)).isEqualTo(whole);
        assertThat(Population.digest(scheme, List.of())).isNotEqualTo(whole);
        List<Population.PopulationLine> changed = new ArrayList<>(lines);
        Population.PopulationLine last = changed.remove(2);
        changed.add(new Population.PopulationLine(last.claimId(), last.position(), last.category(), last.description(),
                last.amountPence() + 1, last.awardId(), last.organisationId()));
        assertThat(Population.digest(scheme, changed)).as("one penny more").isNotEqualTo(whole);
    }

    private static long[] amounts(int count, long max) {
        long[] amounts = new long[count];
        for (int index = 0; index < count; index++) {
            amounts[index] = 1 + (index * 7_919L) % max;
        }
        return amounts;
    }
}
