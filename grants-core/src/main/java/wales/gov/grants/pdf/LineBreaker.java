package wales.gov.grants.pdf;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy word wrap. Words are broken at spaces and line breaks; a word wider than the line (a SHA-256 digest in a
 * narrow column) is broken between characters rather than drawn over its neighbour.
 */
final class LineBreaker {
    private LineBreaker() {
    }

    /** @param width the line's width in thousandths of an em of the font, so no scaling is needed per word */
    static List<String> wrap(String text, FontMetrics metrics, float width) {
        if (text.indexOf('\n') < 0 && metrics.width(text) <= width) {
            return List.of(text);
        }
        List<String> lines = new ArrayList<>();
        float spaceWidth = metrics.width(' ');
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            float lineWidth = 0;
            for (String word : paragraph.split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                float wordWidth = metrics.width(word);
                if (line.length() > 0 && lineWidth + spaceWidth + wordWidth <= width) {
                    line.append(' ').append(word);
                    lineWidth += spaceWidth + wordWidth;
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                if (wordWidth <= width) {
                    line.append(word);
                    lineWidth = wordWidth;
                } else {
                    lineWidth = breakLongWord(word, metrics, width, lines, line);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Adds the full lines of {@code word} to {@code lines} and leaves its last piece in {@code rest}. */
    private static float breakLongWord(String word, FontMetrics metrics, float width, List<String> lines,
            StringBuilder rest) {
        float restWidth = 0;
        for (int index = 0; index < word.length(); ) {
            int codePoint = word.codePointAt(index);
            float characterWidth = metrics.width(codePoint);
            if (rest.length() > 0 && restWidth + characterWidth > width) {
                lines.add(rest.toString());
                rest.setLength(0);
                restWidth = 0;
            }
            rest.appendCodePoint(codePoint);
            restWidth += characterWidth;
            index += Character.charCount(codePoint);
        }
        return restWidth;
    }
}
