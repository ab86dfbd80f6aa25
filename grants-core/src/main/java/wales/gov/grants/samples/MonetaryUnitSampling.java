package wales.gov.grants.samples;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import wales.gov.grants.kernel.Digests;

/**
 * Monetary-unit sampling by systematic selection with a random start, as in the AICPA Audit Guide <i>Audit
 * Sampling</i> (2019), chapter 6 and appendix C ("fixed interval selection"), and ISA 530's "monetary unit
 * sampling". Every penny of the population is a sampling unit, so a line is chosen in proportion to its amount.
 *
 * <p>The population of {@code T} pence is a list of lines in a fixed order, laid end to end: line {@code i} holds the
 * pennies from the sum of the lines before it. For a size {@code n} the sampling interval is {@code T / n} pence (a
 * fraction in general); a random start {@code r}, uniform on {@code [0, T)}, selects the pennies
 * {@code u_k = floor((r + k T) / n)} for {@code k = 0 .. n-1}, that is one penny at {@code r / n} into each interval.
 * Each penny is then selected with probability exactly {@code n / T}. A line of at least the interval always holds
 * at least one selected penny: it is selected with certainty (the "top stratum"). A line holding several selected
 * pennies is one sampled line, examined once, with its {@code hits} recorded, so a sample of size {@code n} may
 * have fewer than {@code n} lines; its evaluation (projection of misstatement) works from the hits.
 *
 * <p>The random start comes from a documented generator, so that anyone can redraw a sample from its seed without
 * this code or a particular JDK: block {@code j} (from 0) is the SHA-256 of the ASCII text {@code grants-mus/1}
 * followed by the seed and {@code j}, each as an 8-byte big-endian two's-complement integer; the first 8 bytes of a
 * block, as a big-endian integer with its top bit cleared, give a candidate {@code v} in {@code [0, 2^63)}. The
 * first candidate below {@code floor(2^63 / T) * T} gives {@code r = v mod T} (rejection sampling, so every
 * {@code r} is equally likely). {@code java.util.Random} is not used: its algorithm is the JDK's to change.
 */
public final class MonetaryUnitSampling {
    public static final String METHOD = "mus-systematic/1";
    private static final byte[] DOMAIN = "grants-mus/1".getBytes(StandardCharsets.US_ASCII);

    private MonetaryUnitSampling() {
    }

    /** One selected line: its index in the population, how many selected pennies it holds, the first of them. */
    public record Hit(int index, int hits, long firstUnit) {
    }

    /** The outcome of a draw: the random start and the selected lines in population order. */
    public record Selection(long total, int size, long randomStart, List<Hit> hits) {
        public Selection {
            hits = List.copyOf(hits);
        }

        /** Whether a line of {@code amount} pence is at least the sampling interval {@code total / size}. */
        public boolean certain(long amount) {
            try {
                return Math.multiplyExact(amount, (long) size) >= total;
            } catch (ArithmeticException e) {
                return true; // beyond any population's value
            }
        }

        /** The sampling interval to the penny below. */
        public long intervalPence() {
            return total / size;
        }
    }

    /**
     * Draws {@code size} pennies from lines of the given positive amounts, in their order.
     *
     * @throws IllegalArgumentException if an amount is not positive, the total overflows, or size is not in
     *     {@code [1, total]}
     */
    public static Selection select(long[] amounts, int size, long seed) {
        long total = 0;
        for (long amount : amounts) {
            if (amount <= 0) {
                throw new IllegalArgumentException("every line's amount must be positive");
            }
            total = Math.addExact(total, amount);
        }
        if (size < 1 || size > total) {
            throw new IllegalArgumentException("size must be between 1 and the population's value in pence");
        }
        long start = randomBelow(seed, total);
        List<Hit> hits = new ArrayList<>();
        int line = 0;
        long lineStart = 0;
        int lineHits = 0;
        long first = -1;
        for (int k = 0; k < size; k++) {
            long unit = unit(start, k, total, size);
            while (unit >= lineStart + amounts[line]) {
                if (lineHits > 0) {
                    hits.add(new Hit(line, lineHits, first));
                }
                lineStart += amounts[line];
                line++;
                lineHits = 0;
            }
            if (lineHits == 0) {
                first = unit;
            }
            lineHits++;
        }
        hits.add(new Hit(line, lineHits, first));
        return new Selection(total, size, start, hits);
    }

    /** {@code floor((start + k * total) / size)}, exactly, whatever the sizes. */
    static long unit(long start, long k, long total, int size) {
        if (k == 0 || k <= (Long.MAX_VALUE - start) / total) {
            return (start + k * total) / size;
        }
        return BigInteger.valueOf(k).multiply(BigInteger.valueOf(total)).add(BigInteger.valueOf(start))
                .divide(BigInteger.valueOf(size)).longValueExact();
    }

    /** A number uniform on {@code [0, bound)} from the seed, by the generator documented on this class. */
    public static long randomBelow(long seed, long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound + 1) % bound; // floor(2^63 / bound) * bound - 1
        for (long block = 0; ; block++) {
            long candidate = block(seed, block) & Long.MAX_VALUE;
            if (candidate <= limit) {
                return candidate % bound;
            }
        }
    }

    /** The first 8 bytes of block {@code block} of the seed's stream, big-endian. */
    static long block(long seed, long block) {
        MessageDigest sha256 = Digests.sha256();
        sha256.update(DOMAIN);
        sha256.update(ByteBuffer.allocate(16).putLong(seed).putLong(block).array());
        return ByteBuffer.wrap(sha256.digest()).getLong();
    }
}
