package wales.gov.grants.audit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A third implementation of docs/audit-trail.md, written from the document alone in a different way from
 * {@link CanonicalJson} (Jackson trees with exact decimals, key order by code point arrays, escapes formatted per
 * code point) and reading rows by plain JDBC: what an auditor might write.
 */
final class DocumentedCanonicalForm {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();
    private static final Set<String> JSONB = Set.of("before_state", "after_state", "details");
    private static final Set<String> NUMBERS = Set.of("id", "chain_position");

    private DocumentedCanonicalForm() {
    }

    static String canonicalize(String json) {
        try {
            StringBuilder out = new StringBuilder();
            write(out, JSON.readTree(json));
            return out.toString();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The canonical content of the event in the current row of {@code SELECT * FROM audit_events}. */
    static String eventContent(ResultSet row) throws SQLException {
        ResultSetMetaData columns = row.getMetaData();
        List<String> names = new ArrayList<>();
        for (int column = 1; column <= columns.getColumnCount(); column++) {
            if (!columns.getColumnName(column).equals("hash")) {
                names.add(columns.getColumnName(column));
            }
        }
        names.sort(DocumentedCanonicalForm::byCodePoints);
        StringBuilder out = new StringBuilder("{");
        for (String name : names) {
            if (out.length() > 1) {
                out.append(',');
            }
            string(out, name);
            out.append(':');
            Object value = row.getObject(name);
            if (value == null) {
                out.append("null");
            } else if (name.equals("occurred_at")) {
                OffsetDateTime time = row.getObject(name, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
                out.append(String.format("\"%04d-%02d-%02dT%02d:%02d:%02d.%06dZ\"", time.getYear(),
                        time.getMonthValue(), time.getDayOfMonth(), time.getHour(), time.getMinute(),
                        time.getSecond(), time.getNano() / 1000));
            } else if (JSONB.contains(name)) {
                out.append(canonicalize(row.getString(name)));
            } else if (NUMBERS.contains(name)) {
                out.append(row.getLong(name));
            } else {
                string(out, row.getString(name));
            }
        }
        return out.append('}').toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(StringBuilder out, JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort((left, right) -> byCodePoints(left.getKey(), right.getKey()));
            out.append('{');
            for (int index = 0; index < members.size(); index++) {
                out.append(index == 0 ? "" : ",");
                string(out, members.get(index).getKey());
                out.append(':');
                write(out, members.get(index).getValue());
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int index = 0; index < node.size(); index++) {
                out.append(index == 0 ? "" : ",");
                write(out, node.get(index));
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(out, node.textValue());
        } else if (node.isBigDecimal()) {
            out.append(((BigDecimal) node.numberValue()).toPlainString());
        } else if (node.isNumber()) {
            out.append(node.bigIntegerValue());
        } else {
            out.append(node.toString());
        }
    }

    private static int byCodePoints(String left, String right) {
        return Arrays.compare(left.codePoints().toArray(), right.codePoints().toArray());
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        text.codePoints().forEach(codePoint -> {
            String escaped = switch (codePoint) {
                case 0x22 -> "\\\"";
                case 0x5c -> "\\\\";
                case 0x08 -> "\\b";
                case 0x0c -> "\\f";
                case 0x0a -> "\\n";
                case 0x0d -> "\\r";
                case 0x09 -> "\\t";
                default -> codePoint < 0x20 ? String.format("\\u%04x", codePoint) : Character.toString(codePoint);
            };
            out.append(escaped);
        });
        out.append('"');
    }
}
