package wales.gov.grants.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TrueTypeFont;

import static java.util.Objects.requireNonNull;

/**
 * Advance widths of one font, in thousandths of an em as the embedded font's {@code /W} array gives them, cached by
 * code point because {@code PDType0Font.getStringWidth} is slow. Held by one document, never shared: a cache that
 * outlived the document would keep its font, and with it the document, alive.
 */
final class FontMetrics {
    private static final int BLOCK_BITS = 8;
    private static final int BLOCK_SIZE = 1 << BLOCK_BITS;
    private static final float NOT_MEASURED = Float.NaN;
    private static final float NO_GLYPH = -1;
    private static final int REPLACEMENT_CHARACTER = 0xFFFD;

    private final CmapLookup characterMap;
    private final TrueTypeFont font;
    private final float scale;
    private final float[][] widths = new float[(Character.MAX_CODE_POINT + 1) >> BLOCK_BITS][];
    private final int replacement;

    FontMetrics(TrueTypeFont font) {
        this.font = requireNonNull(font, "font is null");
        try {
            this.characterMap = font.getUnicodeCmapLookup();
            this.scale = 1000f / font.getUnitsPerEm();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metrics of a font", e);
        }
        this.replacement = canShow(REPLACEMENT_CHARACTER) ? REPLACEMENT_CHARACTER : '?';
    }

    boolean canShow(int codePoint) {
        return lookUp(codePoint) != NO_GLYPH;
    }

    /** The width of {@code text} in thousandths of an em, counting characters without a glyph as their stand-in. */
    float width(CharSequence text) {
        float total = 0;
        for (int index = 0; index < text.length(); ) {
            int codePoint = Character.codePointAt(text, index);
            float width = lookUp(codePoint);
            total += width == NO_GLYPH ? lookUp(replacement) : width;
            index += Character.charCount(codePoint);
        }
        return total;
    }

    float width(int codePoint) {
        float width = lookUp(codePoint);
        return width == NO_GLYPH ? lookUp(replacement) : width;
    }

    /**
     * {@code text} with what the font cannot draw replaced: tabs by a space, other control characters dropped, and
     * characters without a glyph by U+FFFD, because {@code showText} would throw on them. Line breaks are kept.
     */
    String printable(String text) {
        if (allPrintable(text)) {
            return text;
        }
        StringBuilder printable = new StringBuilder(text.length());
        for (int index = 0; index < text.length(); ) {
            int codePoint = text.codePointAt(index);
            index += Character.charCount(codePoint);
            if (codePoint == '\n') {
                printable.append('\n');
            } else if (codePoint == '\t') {
                printable.append(' ');
            } else if (!Character.isISOControl(codePoint)) {
                printable.appendCodePoint(canShow(codePoint) ? codePoint : replacement);
            }
        }
        return printable.toString();
    }

    private boolean allPrintable(String text) {
        for (int index = 0; index < text.length(); ) {
            int codePoint = text.codePointAt(index);
            if (codePoint == '\n' || Character.isISOControl(codePoint) || !canShow(codePoint)) {
                return false;
            }
            index += Character.charCount(codePoint);
        }
        return true;
    }

    private float lookUp(int codePoint) {
        float[] block = widths[codePoint >> BLOCK_BITS];
        if (block == null) {
            block = new float[BLOCK_SIZE];
            Arrays.fill(block, NOT_MEASURED);
            widths[codePoint >> BLOCK_BITS] = block;
        }
        float width = block[codePoint & (BLOCK_SIZE - 1)];
        if (Float.isNaN(width)) {
            width = measure(codePoint);
            block[codePoint & (BLOCK_SIZE - 1)] = width;
        }
        return width;
    }

    private float measure(int codePoint) {
        int glyph = characterMap.getGlyphId(codePoint);
        if (glyph == 0) {
            return NO_GLYPH;
        }
        try {
            // rounded as PDFBox rounds the widths it writes to the embedded font, so what we measure is what is drawn
            return Math.round(font.getAdvanceWidth(glyph) * scale);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the width of glyph " + glyph, e);
        }
    }
}
