package wales.gov.grants.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The canonical JSON of docs/audit-trail.md, written independently of the database's implementation: object members
 * sorted by key in Unicode code point order, no whitespace, strings escaped only where JSON requires it, numbers
 * exactly as PostgreSQL prints them. Values are {@code Map<String, ?>}, {@code List<?>}, {@code String},
 * {@code Long}, {@link NumberText}, {@code Boolean} or {@code null}.
 */
public final class CanonicalJson {
    /**
     * Code point order. {@link String#compareTo} compares UTF-16 units, which puts U+E000..U+FFFF after the
     * supplementary characters (surrogates are U+D800..U+DFFF); code points are what the database's byte order gives.
     */
    public static final Comparator<String> CODE_POINT_ORDER = (left, right) -> {
        int leftIndex = 0;
        int rightIndex = 0;
        while (leftIndex < left.length() && rightIndex < right.length()) {
            int leftCodePoint = left.codePointAt(leftIndex);
            int rightCodePoint = right.codePointAt(rightIndex);
            if (leftCodePoint != rightCodePoint) {
                return Integer.compare(leftCodePoint, rightCodePoint);
            }
            leftIndex += Character.charCount(leftCodePoint);
            rightIndex += Character.charCount(rightCodePoint);
        }
        return Boolean.compare(leftIndex < left.length(), rightIndex < right.length());
    };

    private static final JsonFactory JSON = new JsonFactory();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** A number kept as the text it was read as (PostgreSQL's numeric output: no exponent, scale as stored). */
    public record NumberText(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private CanonicalJson() {
    }

    /** The canonical form of a JSON text, such as a jsonb column read as text. */
    public static String canonicalize(String json) {
        return write(parse(json));
    }

    /** Parses JSON into maps (sorted by code point), lists, strings, {@link NumberText}s, booleans and nulls. */
    public static Object parse(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("empty JSON");
            }
            Object value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after JSON value");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("malformed JSON", e);
        }
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> members = new TreeMap<>(CODE_POINT_ORDER);
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String key = parser.currentName();
                    if (members.put(key, read(parser, parser.nextToken())) != null) {
                        throw new IllegalArgumentException("duplicate member " + key);
                    }
                }
                return members;
            }
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    items.add(read(parser, next));
                }
                return items;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new NumberText(parser.getText());
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalArgumentException("unexpected JSON token " + token);
        }
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            writeString(out, text);
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer
                || value instanceof NumberText) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>(CODE_POINT_ORDER);
            map.forEach((key, member) -> sorted.put((String) key, member));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> member : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(out, member.getKey());
                out.append(':');
                write(out, member.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int index = 0; index < list.size(); index++) {
                if (index > 0) {
                    out.append(',');
                }
                write(out, list.get(index));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("no canonical JSON for " + value.getClass().getName());
        }
    }

    /** Escapes {@code " \ } and the control characters U+0000..U+001F only; everything else is written as it is. */
    static void writeString(StringBuilder out, String text) {
        out.append('"');
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            switch (character) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (character < 0x20) {
                        out.append("\\u00").append(HEX[character >> 4]).append(HEX[character & 0xf]);
                    } else {
                        out.append(character);
                    }
                }
            }
        }
        out.append('"');
    }
}
