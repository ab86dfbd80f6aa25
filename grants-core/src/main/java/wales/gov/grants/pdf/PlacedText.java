package wales.gov.grants.pdf;

import java.util.List;
import java.util.Optional;

/** A cell's text wrapped into lines for the column it was placed in, {@code x} and {@code width} in points. */
record PlacedText(
        float x, float width, Alignment alignment, TextStyle style, Optional<StatusStyle> status, List<String> lines) {
    PlacedText {
        lines = List.copyOf(lines);
    }
}
