package wales.gov.grants.pdf;

import static java.util.Objects.requireNonNull;

/**
 * A table column's width: a fixed number of points, or a share of what the fixed columns leave (a column of
 * {@code relative(2)} is twice as wide as one of {@code relative(1)}).
 */
public record ColumnWidth(float size, Unit unit) {
    public enum Unit { POINTS, RELATIVE }

    public ColumnWidth {
        requireNonNull(unit, "unit is null");
        if (!(size > 0) || Float.isInfinite(size)) {
            throw new IllegalArgumentException("a column width must be positive, not " + size);
        }
    }

    public static ColumnWidth points(float points) {
        return new ColumnWidth(points, Unit.POINTS);
    }

    public static ColumnWidth relative(float weight) {
        return new ColumnWidth(weight, Unit.RELATIVE);
    }
}
