package wales.gov.grants.pdf;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.PageMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;

import static java.util.Objects.requireNonNull;

/**
 * Writes a PDF/A-3b document from top to bottom onto A4 pages: headings (which become bookmarks), paragraphs,
 * key/value lists and tables, breaking pages as needed, with a footer of the document's text and "Page X of Y" on
 * every page. Nothing is laid out twice: the page count is a form drawn on every page and filled in by
 * {@link #finish}, so each page's content stream is complete when the next page starts.
 *
 * <p>One writer makes one document on one thread. Call {@link #finish} to write the file, and always
 * {@link #close} (a try-with-resources block), which frees the document when something failed half way.
 */
public final class DocumentWriter implements AutoCloseable {
    static final PDRectangle PAGE = PDRectangle.A4;
    static final float LEFT = 42;
    static final float RIGHT = PAGE.getWidth() - 42;
    static final float WIDTH = RIGHT - LEFT;
    static final float TOP = PAGE.getHeight() - 48;
    static final float BOTTOM = 56;
    static final float CONTENT_HEIGHT = TOP - BOTTOM;
    private static final float FOOTER_BASELINE = 30;
    private static final float FOOTER_RULE = 42;
    private static final float FOOTER_GAP = 12;
    /** Widths the footer reserves for the page number and count: DejaVu's digits all have the same width. */
    private static final String WIDEST_NUMBER = "0000";
    private static final float BADGE_PADDING = 2;
    private static final int TEXT = 0x1A1A1A;
    private static final int MUTED = 0x555555;
    private static final int RULE = 0xB4B4B4;
    /**
     * Scratch storage for the document until it is saved: pages stay in memory, embedded files beyond this spill
     * to a temporary file instead of the heap.
     */
    private static final long IN_MEMORY_BYTES = 16L << 20;

    private final DocumentSettings settings;
    private final PDDocument document;
    private final Fonts fonts;
    private final Attachments attachments;
    private final PDFormXObject pageCount;
    private final String pageLabelPrefix;
    private final String pageLabelSuffix;
    private final float pageLabelX;
    private final String footerText;
    private PDDocumentOutline outline;
    private PDOutlineItem chapter;
    private PageCanvas canvas;
    private PDPage page;
    private int pageNumber;
    private float y;
    private Table openTable;
    private boolean closed;

    private DocumentWriter(DocumentSettings settings) {
        this.settings = settings;
        this.document = new PDDocument(MemoryUsageSetting.setupMixed(IN_MEMORY_BYTES).streamCache);
        try {
            this.fonts = new Fonts(document);
        } catch (RuntimeException e) {
            closeQuietly(document);
            throw e;
        }
        // PDF/A-3 is based on PDF 1.7
        document.getDocument().setVersion(1.7f);
        document.setVersion(1.7f);
        this.attachments = new Attachments(document);
        this.pageCount = new PDFormXObject(document);
        pageCount.setResources(new PDResources());
        FontMetrics footerMetrics = fonts.metrics(TextStyle.REGULAR);
        String label = footerMetrics.printable(settings.pageLabel().replace('\n', ' '));
        int total = label.indexOf("{1}");
        this.pageLabelPrefix = label.substring(0, total);
        this.pageLabelSuffix = label.substring(total + 3);
        float labelWidth = width(TextStyle.REGULAR,
                label.replace("{0}", WIDEST_NUMBER).replace("{1}", WIDEST_NUMBER), Typography.FOOTER.fontSize());
        this.pageLabelX = RIGHT - labelWidth;
        this.footerText = truncate(footerMetrics.printable(settings.footerText().replace('\n', ' ')),
                pageLabelX - FOOTER_GAP - LEFT);
    }

    public static DocumentWriter open(DocumentSettings settings) {
        return new DocumentWriter(requireNonNull(settings, "settings is null"));
    }

    /** A level 1 heading, with a bookmark at the top level of the outline. */
    public void heading(String title) {
        heading(title, Typography.HEADING, true);
    }

    /** A level 2 heading, with a bookmark under the last level 1 heading's. */
    public void subheading(String title) {
        heading(title, Typography.SUBHEADING, false);
    }

    public void paragraph(String text) {
        paragraph(text, TextStyle.REGULAR);
    }

    public void paragraph(String text, TextStyle style) {
        requireNonNull(text, "text is null");
        requireNonNull(style, "style is null");
        startBlock();
        PlacedText placed = place(new Cell(text, style, Optional.empty()), LEFT, WIDTH, Alignment.LEFT,
                Typography.BODY);
        flow(List.of(placed), Typography.BODY, false);
        space(6);
    }

    /** Labels in bold in a column as wide as the widest of them (at most 40% of the page), values beside them. */
    public void keyValues(List<KeyValue> entries) {
        requireNonNull(entries, "entries is null");
        startBlock();
        float size = Typography.KEY_VALUE.fontSize();
        float labelWidth = 0;
        for (KeyValue entry : entries) {
            labelWidth = Math.max(labelWidth, width(TextStyle.BOLD, entry.label(), size));
        }
        labelWidth = Math.min(labelWidth + FOOTER_GAP, WIDTH * 0.4f);
        for (KeyValue entry : entries) {
            PlacedText label = place(Cell.bold(entry.label()), LEFT, labelWidth - FOOTER_GAP, Alignment.LEFT,
                    Typography.KEY_VALUE);
            PlacedText value = place(entry.value(), LEFT + labelWidth, WIDTH - labelWidth, Alignment.LEFT,
                    Typography.KEY_VALUE);
            flow(List.of(label, value), Typography.KEY_VALUE, true);
        }
        space(6);
    }

    public void keyValues(KeyValue... entries) {
        keyValues(List.of(entries));
    }

    /** Starts a table; its rows are given to the returned {@link Table}, and it ends when anything else is written. */
    public Table table(List<Column> columns) {
        requireNonNull(columns, "columns is null");
        startBlock();
        openTable = new Table(this, columns);
        return openTable;
    }

    public Table table(Column... columns) {
        return table(List.of(columns));
    }

    /** What follows starts on a new page (unless nothing has been written on this one yet). */
    public void pageBreak() {
        startBlock();
        if (y < TOP) {
            newPage();
        }
    }

    /**
     * Embeds a file. Its content is read now, to its end, and copied into the document's scratch storage (memory up
     * to a limit, then a temporary file), so the caller's stream is never held whole on the heap.
     *
     * @throws IllegalArgumentException if another attachment has the same name
     */
    public void attach(Attachment attachment) throws IOException {
        requireNonNull(attachment, "attachment is null");
        ensureNotClosed();
        attachments.add(attachment);
    }

    /**
     * Writes the document to {@code output}, which is flushed but not closed, and frees the writer. Nothing may be
     * added afterwards.
     */
    public void finish(OutputStream output) throws IOException {
        requireNonNull(output, "output is null");
        startBlock();
        finishPage();
        writePageCount();
        DocumentMetadata.write(document, settings);
        attachments.writeTo(document.getDocumentCatalog());
        try (OutputStream target = new BufferedOutputStream(new KeptOpen(output), 64 * 1024)) {
            document.save(target);
        }
        close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        openTable = null;
        try {
            closeQuietly(document);
        } finally {
            fonts.close();
        }
    }

    /** The number of pages begun so far; after {@link #finish}, the document's page count. */
    public int pages() {
        return pageNumber;
    }

    int pageNumber() {
        return pageNumber;
    }

    float y() {
        return y;
    }

    float remainingHeight() {
        return y - BOTTOM;
    }

    void moveDown(float height) {
        y -= height;
    }

    PageCanvas canvas() {
        return canvas;
    }

    void ensurePage() {
        ensureNotClosed();
        if (page == null) {
            newPage();
        }
    }

    void newPage() {
        finishPage();
        page = new PDPage(PAGE);
        document.addPage(page);
        pageNumber++;
        canvas = new PageCanvas(document, page);
        y = TOP;
    }

    /** Wraps {@code cell}'s text into lines of {@code width} points for a block of {@code typography}. */
    PlacedText place(Cell cell, float x, float width, Alignment alignment, Typography typography) {
        FontMetrics metrics = fonts.metrics(cell.style());
        float textWidth = cell.status().isPresent() ? width - 2 * BADGE_PADDING : width;
        List<String> lines = LineBreaker.wrap(metrics.printable(cell.text()), metrics,
                textWidth * 1000 / typography.fontSize());
        return new PlacedText(x, width, alignment, cell.style(), cell.status(), lines);
    }

    /**
     * Draws lines {@code from} (inclusive) to {@code to} (exclusive, may exceed the cells' lines) of each cell, the
     * first line's box starting {@code top}; status badges first, then the text, so the text is not painted over.
     */
    void drawLines(List<PlacedText> cells, int from, int to, float top, Typography typography) {
        float size = typography.fontSize();
        float firstBaseline = top - typography.baselineOffset();
        for (PlacedText cell : cells) {
            if (cell.status().isEmpty()) {
                continue;
            }
            int background = background(cell.status().get());
            for (int line = from; line < Math.min(to, cell.lines().size()); line++) {
                String text = cell.lines().get(line);
                float textWidth = width(cell.style(), text, size);
                float baseline = firstBaseline - (line - from) * typography.leading();
                canvas.fillRectangle(alignedX(cell, textWidth) - BADGE_PADDING, baseline - size * 0.27f,
                        textWidth + 2 * BADGE_PADDING, size * 1.1f, background);
            }
        }
        // line by line across the cells, so that text extraction reads a row as it is printed
        for (int line = from; line < to; line++) {
            boolean any = false;
            for (PlacedText cell : cells) {
                if (line >= cell.lines().size()) {
                    continue;
                }
                any = true;
                String text = cell.lines().get(line);
                float x = cell.alignment() == Alignment.LEFT ? cell.x() : alignedX(cell, width(cell.style(), text, size));
                int colour = cell.status().map(DocumentWriter::foreground).orElse(TEXT);
                canvas.text(x, firstBaseline - (line - from) * typography.leading(), text, fonts.font(cell.style()),
                        size, colour);
            }
            if (!any) {
                break;
            }
        }
    }

    private void heading(String title, Typography typography, boolean topLevel) {
        requireNonNull(title, "title is null");
        startBlock();
        space(topLevel ? 14 : 10);
        PlacedText placed = place(Cell.bold(title), LEFT, WIDTH, Alignment.LEFT, typography);
        float height = placed.lines().size() * typography.leading();
        // keep a heading with the first lines of what it introduces
        if (y - height - 3 * Typography.BODY.leading() < BOTTOM && y < TOP) {
            newPage();
        }
        bookmark(title.replace('\n', ' '), topLevel);
        flow(List.of(placed), typography, true);
        space(4);
    }

    private void bookmark(String title, boolean topLevel) {
        if (outline == null) {
            outline = new PDDocumentOutline();
            PDDocumentCatalog catalog = document.getDocumentCatalog();
            catalog.setDocumentOutline(outline);
            catalog.setPageMode(PageMode.USE_OUTLINES);
        }
        PDPageXYZDestination destination = new PDPageXYZDestination();
        destination.setPage(page);
        destination.setLeft(0);
        destination.setTop(Math.round(Math.min(y + 6, PAGE.getHeight())));
        PDOutlineItem item = new PDOutlineItem();
        item.setTitle(title);
        item.setDestination(destination);
        if (topLevel || chapter == null) {
            outline.addLast(item);
            if (topLevel) {
                item.openNode();
                chapter = item;
            }
        } else {
            chapter.addLast(item);
        }
    }

    /**
     * Draws cells side by side, line by line. A block that is kept together moves to the next page whole when it
     * does not fit (unless it is taller than a page); any other block is split between pages.
     */
    private void flow(List<PlacedText> cells, Typography typography, boolean keepTogether) {
        int lineCount = 1;
        for (PlacedText cell : cells) {
            lineCount = Math.max(lineCount, cell.lines().size());
        }
        int linesPerPage = fittingLines(CONTENT_HEIGHT, typography);
        int drawn = 0;
        while (drawn < lineCount) {
            int fitting = fittingLines(remainingHeight(), typography);
            int remaining = lineCount - drawn;
            if (fitting < 1 || (keepTogether && fitting < remaining && remaining <= linesPerPage)) {
                newPage();
                continue;
            }
            int lines = Math.min(fitting, remaining);
            drawLines(cells, drawn, drawn + lines, y - typography.padding(), typography);
            moveDown(lines * typography.leading() + 2 * typography.padding());
            drawn += lines;
        }
    }

    private static int fittingLines(float height, Typography typography) {
        return (int) Math.floor((height - 2 * typography.padding()) / typography.leading() + 1e-4);
    }

    private void startBlock() {
        ensureNotClosed();
        if (openTable != null) {
            boolean drewRows = openTable.end();
            openTable = null;
            if (drewRows) {
                space(8);
            }
        }
        ensurePage();
    }

    private void space(float height) {
        if (y < TOP) {
            y -= height;
        }
    }

    private void finishPage() {
        if (canvas == null) {
            return;
        }
        float size = Typography.FOOTER.fontSize();
        canvas.horizontalLine(LEFT, RIGHT, FOOTER_RULE, 0.5f, RULE);
        canvas.text(LEFT, FOOTER_BASELINE, footerText, fonts.font(TextStyle.REGULAR), size, MUTED);
        String prefix = pageLabelPrefix.replace("{0}", Integer.toString(pageNumber));
        canvas.text(pageLabelX, FOOTER_BASELINE, prefix, fonts.font(TextStyle.REGULAR), size, MUTED);
        canvas.form(pageCount, pageLabelX + width(TextStyle.REGULAR, prefix, size), FOOTER_BASELINE, MUTED);
        canvas.close();
        canvas = null;
    }

    private void writePageCount() throws IOException {
        float size = Typography.FOOTER.fontSize();
        String text = pageNumber + pageLabelSuffix;
        pageCount.setBBox(new PDRectangle(0, -size / 2, width(TextStyle.REGULAR, text, size) + 1, size * 1.5f));
        // through an appearance stream (a form like any other) because PDFormContentStream knows no document and
        // would warn that the font might be left out of the subset
        try (PDPageContentStream content =
                new PDPageContentStream(document, new PDAppearanceStream(pageCount.getCOSObject()))) {
            content.beginText();
            content.setFont(fonts.font(TextStyle.REGULAR), size);
            content.showText(text);
            content.endText();
        }
    }

    private float alignedX(PlacedText cell, float textWidth) {
        return switch (cell.alignment()) {
            case LEFT -> cell.x();
            case CENTRE -> cell.x() + (cell.width() - textWidth) / 2;
            case RIGHT -> cell.x() + cell.width() - textWidth;
        };
    }

    private float width(TextStyle style, String text, float size) {
        return fonts.metrics(style).width(text) * size / 1000;
    }

    private String truncate(String text, float maxWidth) {
        float size = Typography.FOOTER.fontSize();
        if (width(TextStyle.REGULAR, text, size) <= maxWidth) {
            return text;
        }
        List<Integer> codePoints = new ArrayList<>();
        text.codePoints().forEach(codePoints::add);
        StringBuilder truncated = new StringBuilder();
        for (int codePoint : codePoints) {
            if (width(TextStyle.REGULAR, truncated + "\u2026", size)
                    + fonts.metrics(TextStyle.REGULAR).width(codePoint) * size / 1000 > maxWidth) {
                break;
            }
            truncated.appendCodePoint(codePoint);
        }
        return truncated.append('\u2026').toString();
    }

    private void ensureNotClosed() {
        if (closed) {
            throw new IllegalStateException("the document has been finished or closed");
        }
    }

    private static int background(StatusStyle status) {
        return switch (status) {
            case PASS -> 0xD4EDDA;
            case WARNING -> 0xFFF3CD;
            case FAIL -> 0xF8D7DA;
        };
    }

    private static int foreground(StatusStyle status) {
        return switch (status) {
            case PASS -> 0x155724;
            case WARNING -> 0x664D03;
            case FAIL -> 0x842029;
        };
    }

    private static void closeQuietly(PDDocument document) {
        try {
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot free the document's scratch storage", e);
        }
    }

    /** PDFBox closes the stream it saves to; the caller's stream (an HTTP response, a zip entry) must stay open. */
    private static final class KeptOpen extends FilterOutputStream {
        KeptOpen(OutputStream output) {
            super(output);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
