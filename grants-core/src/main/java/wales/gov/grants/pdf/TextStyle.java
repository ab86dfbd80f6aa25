package wales.gov.grants.pdf;

/** The three faces the engine embeds (DejaVu Sans, Sans Bold and Sans Mono). */
public enum TextStyle {
    REGULAR,
    BOLD,
    /** For digests and identifiers: every character has the same width and none is mistaken for another. */
    MONOSPACE
}
