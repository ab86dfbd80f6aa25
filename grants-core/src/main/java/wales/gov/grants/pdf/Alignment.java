package wales.gov.grants.pdf;

public enum Alignment {
    LEFT,
    CENTRE,
    /** For amounts of money, so that the digits line up. */
    RIGHT
}
