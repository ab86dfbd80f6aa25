package wales.gov.grants.pdf;

/** How a status cell is shaded: the caller supplies the words (for example "PASS" or "PASIO"). */
public enum StatusStyle {
    PASS,
    WARNING,
    FAIL
}
