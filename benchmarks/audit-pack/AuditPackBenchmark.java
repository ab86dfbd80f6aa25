import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.xml.XmpSerializer;
import wales.gov.grants.pdf.Column;
import wales.gov.grants.pdf.ColumnWidth;
import wales.gov.grants.pdf.DocumentSettings;
import wales.gov.grants.pdf.DocumentWriter;
import wales.gov.grants.pdf.Table;

/**
 * Audit pack benchmark (not a test): in one JVM, writes a PAGES-page PDF/A-3b claims table (43 rows of 6 columns of
 * 8 pt per page, bookmarks, Page X of Y) with the wales.gov.grants.pdf engine and with a bare, tuned PDFBox loop
 * that writes the same rows, alternately, after warm-up runs; prints pages/s of both, the ratio, and heap figures.
 *
 *   java -Xmx64m -cp <grants-core classes and dependencies> AuditPackBenchmark.java [PAGES] [RUNS]
 */
public class AuditPackBenchmark {
    static final int ROWS_PER_PAGE = 43;
    static final Instant AS_OF = Instant.parse("2020-03-31T17:30:00Z");
    static final String TITLE = "Audit pack: claims of scheme CAP-2019";
    static final String[] HEADERS = {"Claim", "Submitted", "Organisation", "Description", "Amount", "Status"};
    static final float[] WEIGHTS = {1.2f, 1.1f, 2f, 3.2f, 1.3f, 1.1f};

    public static void main(String[] arguments) throws Exception {
        int pages = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 1000;
        int runs = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 5;
        int rows = pages * ROWS_PER_PAGE;
        HeapWatch heap = new HeapWatch();
        System.out.printf("%d rows, %d measured runs each, max heap %d MB, %s%n", rows, runs,
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"));

        for (int warmUp = 0; warmUp < 2; warmUp++) {
            engine(rows);
            bare(rows);
        }
        List<Double> engineRates = new ArrayList<>();
        List<Double> bareRates = new ArrayList<>();
        long enginePeak = 0;
        long barePeak = 0;
        long engineLive = 0;
        long bareLive = 0;
        long[] bytes = new long[2];
        int[] pageCounts = new int[2];
        for (int run = 0; run < runs; run++) {
            heap.reset();
            Result engine = engine(rows);
            enginePeak = Math.max(enginePeak, heap.peakUsed());
            engineLive = Math.max(engineLive, heap.maxAfterGc());
            engineRates.add(engine.pagesPerSecond());
            heap.reset();
            Result bare = bare(rows);
            barePeak = Math.max(barePeak, heap.peakUsed());
            bareLive = Math.max(bareLive, heap.maxAfterGc());
            bareRates.add(bare.pagesPerSecond());
            bytes[0] = engine.bytes();
            bytes[1] = bare.bytes();
            pageCounts[0] = engine.pages();
            pageCounts[1] = bare.pages();
            System.out.printf("run %d: engine %.0f pages/s, bare %.0f pages/s%n", run + 1, engine.pagesPerSecond(),
                    bare.pagesPerSecond());
        }
        double engineMedian = median(engineRates);
        double bareMedian = median(bareRates);
        System.out.println("----");
        System.out.printf("engine  %5.0f pages/s (median; %d pages, %d bytes), sum of heap pool peaks %d MB, max live after GC %d MB%n",
                engineMedian, pageCounts[0], bytes[0], enginePeak >> 20, engineLive >> 20);
        System.out.printf("bare    %5.0f pages/s (median; %d pages, %d bytes), sum of heap pool peaks %d MB, max live after GC %d MB%n",
                bareMedian, pageCounts[1], bytes[1], barePeak >> 20, bareLive >> 20);
        System.out.printf("ratio engine/bare  %.2f%n", engineMedian / bareMedian);
    }

    record Result(int pages, long bytes, long nanos) {
        double pagesPerSecond() {
            return pages / (nanos / 1e9);
        }
    }

    static String[] row(int index) {
        return new String[] {
                String.format(Locale.ROOT, "CL-%06d", index),
                String.format(Locale.ROOT, "2019-%02d-%02d", index % 12 + 1, index % 28 + 1),
                index % 3 == 0 ? "Cyngor Caerdydd" : index % 3 == 1 ? "Swansea Council" : "GwE consortium",
                "Eisteddfod ŵyl stall hire, quarter " + (index % 4 + 1),
                String.format(Locale.ROOT, "£%,d.%02d", index * 37 % 100000, index % 100),
                index % 17 == 0 ? "QUERIED" : "APPROVED"};
    }

    static Result engine(int rows) throws IOException {
        long started = System.nanoTime();
        CountingOutputStream output = new CountingOutputStream();
        int pages;
        try (DocumentWriter writer = DocumentWriter.open(new DocumentSettings(TITLE, Locale.forLanguageTag("en-GB"),
                AS_OF, "benchmark", TITLE, "Page {0} of {1}"))) {
            writer.heading("Claims");
            writer.subheading("Approved and queried claims");
            List<Column> columns = new ArrayList<>();
            for (int column = 0; column < HEADERS.length; column++) {
                ColumnWidth width = ColumnWidth.relative(WEIGHTS[column]);
                columns.add(column == 4 ? Column.right(HEADERS[column], width) : Column.left(HEADERS[column], width));
            }
            Table table = writer.table(columns);
            for (int index = 0; index < rows; index++) {
                table.row(row(index));
            }
            writer.finish(output);
            pages = writer.pages();
        }
        return new Result(pages, output.count(), System.nanoTime() - started);
    }

    /** PDFBox by hand, tuned as PDF.md says: GSUB off, widths cached per document, the footer in the page's stream. */
    static Result bare(int rows) throws IOException {
        long started = System.nanoTime();
        CountingOutputStream output = new CountingOutputStream();
        int pageCount = (rows + ROWS_PER_PAGE - 1) / ROWS_PER_PAGE;
        PDRectangle a4 = PDRectangle.A4;
        float left = 42;
        float right = a4.getWidth() - 42;
        float width = right - left;
        float[] columnLeft = new float[HEADERS.length];
        float[] columnWidth = new float[HEADERS.length];
        float weights = 0;
        for (float weight : WEIGHTS) {
            weights += weight;
        }
        float x = left;
        for (int column = 0; column < HEADERS.length; column++) {
            columnLeft[column] = x;
            columnWidth[column] = width * WEIGHTS[column] / weights;
            x += columnWidth[column];
        }
        TrueTypeFont regularFile = parse("DejaVuSans.ttf");
        TrueTypeFont boldFile = parse("DejaVuSans-Bold.ttf");
        try (PDDocument document = new PDDocument(IOUtils.createMemoryOnlyStreamCache())) {
            PDType0Font regular = PDType0Font.load(document, regularFile, true);
            PDType0Font bold = PDType0Font.load(document, boldFile, true);
            Widths regularWidths = new Widths(regularFile);
            Widths boldWidths = new Widths(boldFile);
            PDDocumentOutline outline = new PDDocumentOutline();
            document.getDocumentCatalog().setDocumentOutline(outline);
            int index = 0;
            for (int pageNumber = 1; pageNumber <= pageCount; pageNumber++) {
                PDPage page = new PDPage(a4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page,
                        PDPageContentStream.AppendMode.OVERWRITE, true)) {
                    float y = a4.getHeight() - 48;
                    if (pageNumber == 1) {
                        content.beginText();
                        content.setFont(bold, 16);
                        content.newLineAtOffset(left, y - 15.6f);
                        content.showText("Claims");
                        content.setFont(bold, 12);
                        content.newLineAtOffset(0, -26);
                        content.showText("Approved and queried claims");
                        content.endText();
                        PDOutlineItem chapter = item("Claims", page);
                        outline.addLast(chapter);
                        chapter.addLast(item("Approved and queried claims", page));
                        chapter.openNode();
                    }
                    content.setNonStrokingColor(0.9f, 0.9f, 0.9f);
                    content.addRect(left, y - 16.5f, width, 16.5f);
                    content.fill();
                    content.setNonStrokingColor(0.1f, 0.1f, 0.1f);
                    content.beginText();
                    content.setFont(bold, 8);
                    float lineX = 0;
                    for (int column = 0; column < HEADERS.length; column++) {
                        float cellX = column == 4
                                ? columnLeft[column] + columnWidth[column] - 3 - boldWidths.width(HEADERS[column]) * 8 / 1000
                                : columnLeft[column] + 3;
                        content.newLineAtOffset(cellX - lineX, column == 0 ? y - 10.49f : 0);
                        lineX = cellX;
                        content.showText(HEADERS[column]);
                    }
                    content.endText();
                    y -= 16.5f;
                    for (int line = 0; line < ROWS_PER_PAGE && index < rows; line++, index++) {
                        String[] cells = row(index);
                        content.beginText();
                        content.setFont(regular, 8);
                        lineX = 0;
                        for (int column = 0; column < cells.length; column++) {
                            float cellX = column == 4
                                    ? columnLeft[column] + columnWidth[column] - 3 - regularWidths.width(cells[column]) * 8 / 1000
                                    : columnLeft[column] + 3;
                            content.newLineAtOffset(cellX - lineX, column == 0 ? y - 10.49f : 0);
                            lineX = cellX;
                            content.showText(cells[column]);
                        }
                        content.endText();
                        content.setStrokingColor(0.82f, 0.82f, 0.82f);
                        content.setLineWidth(0.4f);
                        content.moveTo(left, y - 16.5f);
                        content.lineTo(right, y - 16.5f);
                        content.stroke();
                        y -= 16.5f;
                    }
                    content.setNonStrokingColor(0.33f, 0.33f, 0.33f);
                    content.beginText();
                    content.setFont(regular, 8);
                    content.newLineAtOffset(left, 30);
                    content.showText(TITLE);
                    content.newLineAtOffset(right - left - 80, 0);
                    content.showText("Page " + pageNumber + " of " + pageCount);
                    content.endText();
                }
            }
            pdfA(document);
            document.save(output);
        } finally {
            regularFile.close();
            boldFile.close();
        }
        return new Result(pageCount, output.count(), System.nanoTime() - started);
    }

    static PDOutlineItem item(String title, PDPage page) {
        PDPageFitDestination destination = new PDPageFitDestination();
        destination.setPage(page);
        PDOutlineItem item = new PDOutlineItem();
        item.setTitle(title);
        item.setDestination(destination);
        return item;
    }

    static void pdfA(PDDocument document) throws IOException {
        Calendar asOf = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        asOf.setTimeInMillis(AS_OF.toEpochMilli());
        document.getDocumentInformation().setTitle(TITLE);
        document.getDocumentInformation().setProducer("bare");
        document.getDocumentInformation().setCreationDate(asOf);
        document.getDocumentInformation().setModificationDate(asOf);
        try {
            XMPMetadata xmp = XMPMetadata.createXMPMetadata();
            xmp.createAndAddDublinCoreSchema().setTitle(TITLE);
            xmp.createAndAddXMPBasicSchema().setCreateDate(asOf);
            xmp.createAndAddAdobePDFSchema().setProducer("bare");
            xmp.createAndAddPDFAIdentificationSchema().setPart(3);
            xmp.getPDFAIdentificationSchema().setConformance("B");
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            new XmpSerializer().serialize(xmp, packet, true);
            PDMetadata metadata = new PDMetadata(document);
            metadata.importXMPMetadata(packet.toByteArray());
            PDDocumentCatalog catalog = document.getDocumentCatalog();
            catalog.setMetadata(metadata);
            catalog.setLanguage("en-GB");
        } catch (Exception e) {
            throw new IOException(e);
        }
        PDOutputIntent intent = new PDOutputIntent(document,
                new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
        intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
        document.getDocumentCatalog().addOutputIntent(intent);
        COSArray id = new COSArray();
        id.add(new COSString(new byte[16]));
        id.add(new COSString(new byte[16]));
        document.getDocument().getTrailer().setItem(COSName.ID, id);
    }

    static TrueTypeFont parse(String file) throws IOException {
        try (InputStream in = AuditPackBenchmark.class.getResourceAsStream("/net/sf/jasperreports/fonts/dejavu/" + file)) {
            TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
            font.setEnableGsub(false);
            return font;
        }
    }

    /** Per-document width cache by code point, in thousandths of an em. */
    static final class Widths {
        private final float[] widths = new float[0x10000];
        private final CmapLookup cmap;
        private final TrueTypeFont font;
        private final float scale;

        Widths(TrueTypeFont font) throws IOException {
            this.font = font;
            this.cmap = font.getUnicodeCmapLookup();
            this.scale = 1000f / font.getUnitsPerEm();
            Arrays.fill(widths, -1);
        }

        float width(String text) throws IOException {
            float total = 0;
            for (int index = 0; index < text.length(); index++) {
                char character = text.charAt(index);
                float width = widths[character];
                if (width < 0) {
                    width = Math.round(font.getAdvanceWidth(cmap.getGlyphId(character)) * scale);
                    widths[character] = width;
                }
                total += width;
            }
            return total;
        }
    }

    static final class CountingOutputStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }

        long count() {
            return count;
        }
    }

    /** Heap peaks of the pools since the last reset, and the most heap still in use right after a collection. */
    static final class HeapWatch {
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        private final AtomicLong maxAfterGc = new AtomicLong();

        HeapWatch() {
            ManagementFactory.getGarbageCollectorMXBeans().forEach(collector ->
                    ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                        if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                            return;
                        }
                        GarbageCollectionNotificationInfo info =
                                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long used = 0;
                        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                            if (pools.stream().anyMatch(heapPool -> heapPool.getName().equals(pool.getKey()))) {
                                used += pool.getValue().getUsed();
                            }
                        }
                        maxAfterGc.accumulateAndGet(used, Math::max);
                    }, null, null));
        }

        void reset() {
            System.gc();
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            maxAfterGc.set(0);
        }

        /** The sum of each pool's own peak: an upper bound, as the pools need not peak at the same moment. */
        long peakUsed() {
            return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        }

        long maxAfterGc() {
            return maxAfterGc.get();
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
