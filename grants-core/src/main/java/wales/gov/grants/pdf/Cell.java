package wales.gov.grants.pdf;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One cell of a table row or the value of a key/value entry. Text is wrapped to the width it is given. */
public record Cell(String text, TextStyle style, Optional<StatusStyle> status) {
    public Cell {
        requireNonNull(text, "text is null");
        requireNonNull(style, "style is null");
        requireNonNull(status, "status is null");
    }

    public static Cell of(String text) {
        return new Cell(text, TextStyle.REGULAR, Optional.empty());
    }

    public static Cell bold(String text) {
        return new Cell(text, TextStyle.BOLD, Optional.empty());
    }

    public static Cell monospace(String text) {
        return new Cell(text, TextStyle.MONOSPACE, Optional.empty());
    }

    /** Bold text on a shaded badge, for the outcome of a check. */
    public static Cell status(String text, StatusStyle status) {
        return new Cell(text, TextStyle.BOLD, Optional.of(status));
    }
}
