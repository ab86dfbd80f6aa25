package wales.gov.grants.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts of one document: DejaVu from the classpath (jasperreports-fonts), embedded as subsets. The files' bytes
 * are read once per JVM and shared; everything parsed from them belongs to one document.
 */
final class Fonts implements AutoCloseable {
    private static final String DIRECTORY = "/net/sf/jasperreports/fonts/dejavu/";

    private final Map<TextStyle, TrueTypeFont> parsed = new EnumMap<>(TextStyle.class);
    private final Map<TextStyle, PDType0Font> fonts = new EnumMap<>(TextStyle.class);
    private final Map<TextStyle, FontMetrics> metrics = new EnumMap<>(TextStyle.class);

    Fonts(PDDocument document) {
        try {
            for (TextStyle style : TextStyle.values()) {
                TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(FontFiles.bytes(style)));
                parsed.put(style, font);
                // ligatures off: "fi" must stay two letters for text search, and substitution costs most of the CPU
                font.setEnableGsub(false);
                fonts.put(style, PDType0Font.load(document, font, true));
                metrics.put(style, new FontMetrics(font));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot load the document fonts", e);
        }
    }

    PDType0Font font(TextStyle style) {
        return fonts.get(style);
    }

    FontMetrics metrics(TextStyle style) {
        return metrics.get(style);
    }

    /** Closes the parsed font files; only after the document has been saved, which reads them to build subsets. */
    @Override
    public void close() {
        for (TrueTypeFont font : parsed.values()) {
            try {
                font.close();
            } catch (IOException ignored) {
                // the bytes are in memory; closing cannot lose anything
            }
        }
        parsed.clear();
    }

    private static final class FontFiles {
        private static final Map<TextStyle, byte[]> BYTES = load();

        static byte[] bytes(TextStyle style) {
            return BYTES.get(style);
        }

        private static Map<TextStyle, byte[]> load() {
            Map<TextStyle, byte[]> bytes = new EnumMap<>(TextStyle.class);
            for (TextStyle style : TextStyle.values()) {
                String file = DIRECTORY + switch (style) {
                    case REGULAR -> "DejaVuSans.ttf";
                    case BOLD -> "DejaVuSans-Bold.ttf";
                    case MONOSPACE -> "DejaVuSansMono.ttf";
                };
                try (InputStream in = Fonts.class.getResourceAsStream(file)) {
                    if (in == null) {
                        throw new IllegalStateException(file + " is not on the classpath (jasperreports-fonts)");
                    }
                    bytes.put(style, in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
            return Map.copyOf(bytes);
        }
    }
}
