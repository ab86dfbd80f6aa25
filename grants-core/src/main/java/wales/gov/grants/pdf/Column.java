package wales.gov.grants.pdf;

import static java.util.Objects.requireNonNull;

/**
 * A table column: its header (drawn in bold and repeated at the top of every page the table continues on), its
 * width, how its cells are aligned, and the style of the cells given as plain strings.
 */
public record Column(String header, ColumnWidth width, Alignment alignment, TextStyle style) {
    public Column {
        requireNonNull(header, "header is null");
        requireNonNull(width, "width is null");
        requireNonNull(alignment, "alignment is null");
        requireNonNull(style, "style is null");
    }

    public static Column left(String header, ColumnWidth width) {
        return new Column(header, width, Alignment.LEFT, TextStyle.REGULAR);
    }

    public static Column right(String header, ColumnWidth width) {
        return new Column(header, width, Alignment.RIGHT, TextStyle.REGULAR);
    }

    public Column withStyle(TextStyle cellStyle) {
        return new Column(header, width, alignment, cellStyle);
    }
}
