package wales.gov.grants.evidence;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Cleans a client's filename for display: no directories, no control or invisible formatting characters. */
public final class Filenames {
    static final int MAX_LENGTH = 255;
    private static final Set<String> ACCEPTED_EXTENSIONS = Arrays.stream(EvidenceMediaType.values())
            .flatMap(type -> extensions(type).stream())
            .collect(Collectors.toUnmodifiableSet());

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
     * format characters such as a right-to-left override, which could disguise "invoice‮fdp.exe"; never empty;
     * ending with an extension of {@code type}, the type detected from the content, so that whoever saves and
     * opens the file opens it as what it is: a PNG sent as "photo.pdf" becomes "photo.png" (an extension of another
     * accepted type is replaced), one sent as "photo.exe" becomes "photo.exe.png" (any other is kept, and the
     * type's added).
     */
    public static String clean(String supplied, EvidenceMediaType type) {
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
            return "upload." + type.extension();
        }
        int dot = result.lastIndexOf('.');
        String extension = dot < 0 ? "" : result.substring(dot + 1).toLowerCase(Locale.ROOT);
        String base = result;
        if (!extensions(type).contains(extension)) {
            if (ACCEPTED_EXTENSIONS.contains(extension)) {
                base = result.substring(0, dot);
            }
            base = base.strip();
            if (base.isEmpty()) {
                base = "upload";
            }
            return truncate(base, MAX_LENGTH - type.extension().length() - 1) + "." + type.extension();
        }
        return truncate(result, MAX_LENGTH);
    }

    /** The extensions a file of {@code type} may keep; the first is {@link EvidenceMediaType#extension()}. */
    static List<String> extensions(EvidenceMediaType type) {
        return switch (type) {
            case PDF -> List.of("pdf");
            case PNG -> List.of("png");
            case JPEG -> List.of("jpg", "jpeg", "jpe", "jfif");
            // a one-column CSV reads as plain text, and plain text with commas as CSV: both are text to open
            case CSV -> List.of("csv", "txt");
            case TEXT -> List.of("txt", "text", "csv");
            case XLSX -> List.of("xlsx");
            case DOCX -> List.of("docx");
            case ODT -> List.of("odt");
            case ODS -> List.of("ods");
        };
    }

    private static String truncate(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int cut = length;
        if (Character.isLowSurrogate(text.charAt(cut))) {
            cut--;
        }
        return text.substring(0, cut);
    }
}
