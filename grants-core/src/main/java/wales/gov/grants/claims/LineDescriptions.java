package wales.gov.grants.claims;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The form in which two claim lines' descriptions are the same line for double funding: Unicode NFC, case-folded,
 * punctuation stripped, runs of whitespace made one space, trimmed. "School uniform, equipment" and
 * "SCHOOL   UNIFORM EQUIPMENT." are one line; "Ŵyl" written precomposed or with a combining circumflex is one word.
 */
public final class LineDescriptions {
    private static final Pattern PUNCTUATION = Pattern.compile("\\p{P}+");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+", Pattern.UNICODE_CHARACTER_CLASS);

    private LineDescriptions() {
    }

    /** The comparison key of a description, stored with each line so the database compares lines itself. */
    public static String key(String description) {
        String composed = Normalizer.normalize(description, Normalizer.Form.NFC);
        // upper then lower folds as Unicode full case folding does where the two differ (ß and ẞ become ss)
        String folded = Normalizer.normalize(composed.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT),
                Normalizer.Form.NFC);
        String bare = PUNCTUATION.matcher(folded).replaceAll("");
        return WHITESPACE.matcher(bare).replaceAll(" ").strip();
    }
}
