package wales.gov.grants.evidence;

import java.text.Normalizer;

/** Cleans a client's filename for display: no directories, no control or invisible formatting characters. */
public final class Filenames {
    static final int MAX_LENGTH = 255;

    private Filenames() {
    }

    /**
     * True for a name that tries to climb directories ({@code ..} as a segment) or hides control characters: no
     * honest client sends one, so it is refused rather than silently cleaned. A plain directory prefix, as old
     * browsers send ({@code C:\Users\me\invoice.pdf}), is not suspicious.
     */
    public static boolean isSuspicious(String supplied) {
        if (supplied == null) {
            return false;
        }
        for (String segment : supplied.split("[/\\\\]", -1)) {
            if (segment.strip().equals("..")) {
                return true;
            }
        }
        return supplied.chars().anyMatch(Character::isISOControl);
    }

    /**
     * The last path segment of {@code supplied} (either slash), NFC-normalised, without control characters or
     * format characters such as a right-to-left override, which could disguise "invoice‮fdp.exe"; never empty.
     */
    public static String clean(String supplied, String fallbackExtension) {
        String name = supplied == null ? "" : supplied;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        StringBuilder cleaned = new StringBuilder();
        name.codePoints()
                .filter(codePoint -> !Character.isISOControl(codePoint))
                .filter(codePoint -> Character.getType(codePoint) != Character.FORMAT)
                .filter(codePoint -> Character.getType(codePoint) != Character.PRIVATE_USE)
                .filter(codePoint -> Character.getType(codePoint) != Character.SURROGATE)
                .forEach(cleaned::appendCodePoint);
        String result = cleaned.toString().strip();
        while (result.startsWith(".")) {
            result = result.substring(1);
        }
        if (result.isBlank()) {
            return "upload." + fallbackExtension;
        }
        if (result.length() > MAX_LENGTH) {
            int cut = MAX_LENGTH;
            if (Character.isLowSurrogate(result.charAt(cut))) {
                cut--;
            }
            result = result.substring(0, cut);
        }
        return result;
    }
}
