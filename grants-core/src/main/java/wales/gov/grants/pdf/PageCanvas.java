package wales.gov.grants.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * The content stream of the page being written. Consecutive pieces of text share one text object and move with
 * relative offsets, and font and colour are only set when they change, which keeps the streams short.
 */
final class PageCanvas implements AutoCloseable {
    private static final int UNSET = -1;

    private final PDPageContentStream stream;
    private boolean inText;
    private float lineX;
    private float lineY;
    private PDFont font;
    private float fontSize;
    private int fillColour = UNSET;
    private int strokeColour = UNSET;
    private float lineWidth = UNSET;

    PageCanvas(PDDocument document, PDPage page) {
        try {
            this.stream = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.OVERWRITE, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a page's content stream", e);
        }
    }

    /** Draws {@code text} with its baseline starting at ({@code x}, {@code y}); the text must be printable. */
    void text(float x, float y, String text, PDFont textFont, float size, int colour) {
        if (text.isEmpty()) {
            return;
        }
        try {
            if (!inText) {
                stream.beginText();
                inText = true;
                lineX = 0;
                lineY = 0;
            }
            if (textFont != font || size != fontSize) {
                stream.setFont(textFont, size);
                font = textFont;
                fontSize = size;
            }
            fill(colour);
            stream.newLineAtOffset(x - lineX, y - lineY);
            lineX = x;
            lineY = y;
            stream.showText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void fillRectangle(float x, float y, float width, float height, int colour) {
        try {
            endText();
            fill(colour);
            stream.addRect(x, y, width, height);
            stream.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void horizontalLine(float fromX, float toX, float y, float width, int colour) {
        try {
            endText();
            if (colour != strokeColour) {
                stream.setStrokingColor(red(colour), green(colour), blue(colour));
                strokeColour = colour;
            }
            if (width != lineWidth) {
                stream.setLineWidth(width);
                lineWidth = width;
            }
            stream.moveTo(fromX, y);
            stream.lineTo(toX, y);
            stream.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Draws {@code form} with its origin at ({@code x}, {@code y}) in the current fill colour. */
    void form(PDFormXObject form, float x, float y, int colour) {
        try {
            endText();
            fill(colour);
            stream.saveGraphicsState();
            stream.transform(Matrix.getTranslateInstance(x, y));
            stream.drawForm(form);
            stream.restoreGraphicsState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            endText();
            stream.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish a page's content stream", e);
        }
    }

    private void endText() throws IOException {
        if (inText) {
            stream.endText();
            inText = false;
        }
    }

    private void fill(int colour) throws IOException {
        if (colour != fillColour) {
            stream.setNonStrokingColor(red(colour), green(colour), blue(colour));
            fillColour = colour;
        }
    }

    static float red(int colour) {
        return ((colour >> 16) & 0xFF) / 255f;
    }

    static float green(int colour) {
        return ((colour >> 8) & 0xFF) / 255f;
    }

    static float blue(int colour) {
        return (colour & 0xFF) / 255f;
    }
}
