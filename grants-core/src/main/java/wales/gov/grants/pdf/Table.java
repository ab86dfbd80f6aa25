package wales.gov.grants.pdf;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A table being written, row by row, so that rows can come straight from a database cursor. A row stays on one
 * page unless it is taller than a page; on every page the table reaches its header is drawn again. The table ends
 * when anything else is written to the document.
 */
public final class Table {
    private static final float CELL_PADDING = 3;
    private static final int HEADER_FILL = 0xE6E6E6;
    private static final int HEADER_RULE = 0x8C8C8C;
    private static final int ROW_RULE = 0xD2D2D2;

    private final DocumentWriter writer;
    private final List<Column> columns;
    private final float[] left;
    private final float[] widths;
    private final List<PlacedText> header;
    private final float headerHeight;
    private final int linesPerFreshPage;
    private int headerPage;
    private boolean ended;

    Table(DocumentWriter writer, List<Column> columns) {
        this.writer = writer;
        this.columns = List.copyOf(columns);
        if (this.columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.widths = widths(this.columns);
        this.left = new float[widths.length];
        float x = DocumentWriter.LEFT;
        for (int index = 0; index < widths.length; index++) {
            left[index] = x;
            x += widths[index];
        }
        List<PlacedText> headerCells = new ArrayList<>();
        int headerLines = 1;
        for (int index = 0; index < this.columns.size(); index++) {
            Column column = this.columns.get(index);
            PlacedText placed = place(index, Cell.bold(column.header()), column.alignment());
            headerLines = Math.max(headerLines, placed.lines().size());
            headerCells.add(placed);
        }
        this.header = List.copyOf(headerCells);
        this.headerHeight = height(headerLines);
        this.linesPerFreshPage = fittingLines(DocumentWriter.CONTENT_HEIGHT - headerHeight);
        if (linesPerFreshPage < 1) {
            throw new IllegalArgumentException("the table's header leaves no room for a row on a page");
        }
    }

    /** A row of plain text, each cell in its column's style. */
    public void row(String... cells) {
        requireNonNull(cells, "cells is null");
        List<Cell> row = new ArrayList<>(cells.length);
        for (int index = 0; index < cells.length; index++) {
            requireNonNull(cells[index], "a cell is null");
            row.add(new Cell(cells[index], index < columns.size() ? columns.get(index).style() : TextStyle.REGULAR,
                    java.util.Optional.empty()));
        }
        row(row);
    }

    public void row(Cell... cells) {
        row(List.of(cells));
    }

    public void row(List<Cell> cells) {
        requireNonNull(cells, "cells is null");
        if (ended) {
            throw new IllegalStateException("the table has ended: something else was written after it");
        }
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException(
                    "the table has " + columns.size() + " columns but the row has " + cells.size() + " cells");
        }
        List<PlacedText> placed = new ArrayList<>(cells.size());
        int lineCount = 1;
        for (int index = 0; index < cells.size(); index++) {
            PlacedText text = place(index, cells.get(index), columns.get(index).alignment());
            lineCount = Math.max(lineCount, text.lines().size());
            placed.add(text);
        }
        writer.ensurePage();
        int drawn = 0;
        while (drawn < lineCount) {
            boolean needsHeader = headerPage != writer.pageNumber();
            int fitting = fittingLines(writer.remainingHeight() - (needsHeader ? headerHeight : 0));
            int remaining = lineCount - drawn;
            if (fitting < remaining && (remaining <= linesPerFreshPage || fitting < 1)) {
                writer.newPage();
                continue;
            }
            if (needsHeader) {
                drawHeader();
            }
            int lines = Math.min(fitting, remaining);
            float height = height(lines);
            float top = writer.y();
            writer.drawLines(placed, drawn, drawn + lines, top - Typography.TABLE.padding(), Typography.TABLE);
            writer.canvas().horizontalLine(DocumentWriter.LEFT, DocumentWriter.RIGHT, top - height, 0.4f, ROW_RULE);
            writer.moveDown(height);
            drawn += lines;
        }
    }

    /** Writes every row {@code rows} gives, without holding more than one of them. */
    public void rows(Iterator<? extends List<Cell>> rows) {
        requireNonNull(rows, "rows is null");
        while (rows.hasNext()) {
            row(rows.next());
        }
    }

    /** Whether any row was drawn, so that the document knows to leave space after it. */
    boolean end() {
        ended = true;
        return headerPage != 0;
    }

    private void drawHeader() {
        float top = writer.y();
        PageCanvas canvas = writer.canvas();
        canvas.fillRectangle(DocumentWriter.LEFT, top - headerHeight, DocumentWriter.WIDTH, headerHeight, HEADER_FILL);
        writer.drawLines(header, 0, Integer.MAX_VALUE, top - Typography.TABLE.padding(), Typography.TABLE);
        canvas.horizontalLine(DocumentWriter.LEFT, DocumentWriter.RIGHT, top - headerHeight, 0.6f, HEADER_RULE);
        writer.moveDown(headerHeight);
        headerPage = writer.pageNumber();
    }

    private PlacedText place(int column, Cell cell, Alignment alignment) {
        return writer.place(cell, left[column] + CELL_PADDING, widths[column] - 2 * CELL_PADDING, alignment,
                Typography.TABLE);
    }

    private static float height(int lines) {
        return lines * Typography.TABLE.leading() + 2 * Typography.TABLE.padding();
    }

    private static int fittingLines(float height) {
        return (int) Math.floor((height - 2 * Typography.TABLE.padding()) / Typography.TABLE.leading() + 1e-4);
    }

    private static float[] widths(List<Column> columns) {
        float fixed = 0;
        float weights = 0;
        for (Column column : columns) {
            switch (column.width().unit()) {
                case POINTS -> fixed += column.width().size();
                case RELATIVE -> weights += column.width().size();
            }
        }
        float shared = DocumentWriter.WIDTH - fixed;
        if (shared < 0 || (weights > 0 && shared < 2 * CELL_PADDING * columns.size())) {
            throw new IllegalArgumentException(
                    "the fixed column widths add up to " + fixed + " points; the page has " + DocumentWriter.WIDTH);
        }
        float[] widths = new float[columns.size()];
        for (int index = 0; index < columns.size(); index++) {
            ColumnWidth width = columns.get(index).width();
            widths[index] = switch (width.unit()) {
                case POINTS -> width.size();
                case RELATIVE -> shared * width.size() / weights;
            };
            if (widths[index] <= 2 * CELL_PADDING) {
                throw new IllegalArgumentException("column " + columns.get(index).header() + " is too narrow");
            }
        }
        return widths;
    }
}
