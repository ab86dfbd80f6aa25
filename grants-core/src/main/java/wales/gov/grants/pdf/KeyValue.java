package wales.gov.grants.pdf;

import static java.util.Objects.requireNonNull;

/** One "label: value" line of a key/value list, such as a cover page's amounts. */
public record KeyValue(String label, Cell value) {
    public KeyValue {
        requireNonNull(label, "label is null");
        requireNonNull(value, "value is null");
    }

    public static KeyValue of(String label, String value) {
        return new KeyValue(label, Cell.of(value));
    }

    public static KeyValue of(String label, Cell value) {
        return new KeyValue(label, value);
    }
}
