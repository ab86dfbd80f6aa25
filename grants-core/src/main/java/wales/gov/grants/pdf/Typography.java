package wales.gov.grants.pdf;

/** The font size, line spacing and vertical padding of one kind of block, in points. */
record Typography(float fontSize, float leading, float padding) {
    static final Typography HEADING = new Typography(16, 20, 0);
    static final Typography SUBHEADING = new Typography(12, 15, 0);
    static final Typography BODY = new Typography(10, 13, 0);
    static final Typography KEY_VALUE = new Typography(10, 13, 1);
    static final Typography TABLE = new Typography(8, 10, 3.25f);
    static final Typography FOOTER = new Typography(8, 10, 0);

    /** From the top of a line to its baseline: half the spare leading above the glyphs, then their ascent. */
    float baselineOffset() {
        return (leading - fontSize) / 2 + fontSize * 0.78f;
    }
}
