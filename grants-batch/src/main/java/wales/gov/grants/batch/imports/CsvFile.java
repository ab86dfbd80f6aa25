package wales.gov.grants.batch.imports;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A CSV file as RFC 4180 defines it, in UTF-8: records of fields separated by commas, a field in double quotes may
 * hold commas, line breaks and doubled quotes; records end with CRLF or LF. Each record knows the line of the file
 * it starts on, which is how a person finds it in an editor.
 *
 * <p>A UTF-8 byte order mark at the start (Excel's "CSV UTF-8" writes one) is removed and noted. Bytes that are not
 * UTF-8, such as a file saved as Windows-1252, are never guessed at: each field holding them is a problem naming
 * the line, the bytes and what they would be in Windows-1252, and the rest of the file is still read so that every
 * problem is reported at once.
 */
public final class CsvFile {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** One record: the line it starts on and its fields. */
    public record Record(int line, List<String> fields) {
        public Record {
            fields = List.copyOf(fields);
        }
    }

    /** A problem of the file: the line, the field's index in its record (-1: the whole line) and what is wrong. */
    public record Problem(int line, int field, String message) {
        public Problem {
            requireNonNull(message, "message is null");
        }
    }

    private final List<Record> records;
    private final List<Problem> problems;
    private final boolean byteOrderMark;

    private CsvFile(List<Record> records, List<Problem> problems, boolean byteOrderMark) {
        this.records = List.copyOf(records);
        this.problems = List.copyOf(problems);
        this.byteOrderMark = byteOrderMark;
    }

    public List<Record> records() {
        return records;
    }

    /** Problems of encoding and syntax, in line order; a record with a problem is still among the records. */
    public List<Problem> problems() {
        return problems;
    }

    public boolean hadByteOrderMark() {
        return byteOrderMark;
    }

    public static CsvFile parse(byte[] bytes) {
        boolean bom = startsWith(bytes, UTF8_BOM);
        int start = bom ? UTF8_BOM.length : 0;
        List<Problem> problems = new ArrayList<>();
        if (startsWith(bytes, new byte[] {(byte) 0xFF, (byte) 0xFE}) || startsWith(bytes, new byte[] {(byte) 0xFE, (byte) 0xFF})) {
            problems.add(new Problem(1, -1, "the file is UTF-16, not UTF-8: save it as \"CSV UTF-8\""));
            return new CsvFile(List.of(), problems, false);
        }
        // Decoded line by line so that a byte that is not UTF-8 is reported on its own line
        StringBuilder text = new StringBuilder();
        Map<Integer, String> badBytes = new HashMap<>();
        int line = 1;
        int lineStart = start;
        for (int index = start; index <= bytes.length; index++) {
            if (index == bytes.length || bytes[index] == '\n') {
                int end = index == bytes.length ? index : index + 1;
                decodeLine(bytes, lineStart, end, line, text, badBytes);
                lineStart = end;
                line++;
            }
        }
        List<Record> records = new ArrayList<>();
        new Parser(text.toString(), records, problems).run();
        for (Record record : records) {
            for (int field = 0; field < record.fields().size(); field++) {
                String value = record.fields().get(field);
                if (value.indexOf('\uFFFD') >= 0) {
                    String bad = badBytes.getOrDefault(lineOf(record, value), "");
                    problems.add(new Problem(record.line(), field, "is not UTF-8" + bad
                            + ": save the file as \"CSV UTF-8\" (in Excel: Save As, CSV UTF-8)"));
                }
            }
        }
        problems.sort((left, right) -> left.line() != right.line() ? Integer.compare(left.line(), right.line())
                : Integer.compare(left.field(), right.field()));
        return new CsvFile(records, problems, bom);
    }

    /** The line of the record where the field's first undecodable byte was: its own line for single-line fields. */
    private static int lineOf(Record record, String value) {
        return record.line() + (int) value.substring(0, value.indexOf('\uFFFD')).chars().filter(c -> c == '\n').count();
    }

    private static void decodeLine(byte[] bytes, int from, int to, int line, StringBuilder text,
                                   Map<Integer, String> badBytes) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            text.append(strict.decode(ByteBuffer.wrap(bytes, from, to - from)));
            return;
        } catch (CharacterCodingException e) {
            // described below, then decoded with replacement characters
        }
        List<String> described = new ArrayList<>();
        CharsetDecoder probe = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer output = CharBuffer.allocate(to - from + 1);
        while (input.hasRemaining() && described.size() < 5) {
            CoderResult result = probe.decode(input, output, true);
            if (result.isError()) {
                for (int skip = 0; skip < result.length(); skip++) {
                    byte bad = input.get();
                    String windows = new String(new byte[] {bad}, WINDOWS_1252);
                    described.add(String.format(Locale.ROOT, "0x%02X", bad & 0xFF)
                            + (Character.isISOControl(windows.charAt(0)) || windows.equals("\uFFFD") ? ""
                            : " ('" + windows + "' in Windows-1252)"));
                }
            } else {
                break;
            }
        }
        badBytes.put(line, described.isEmpty() ? "" : " (byte " + String.join(", ", described) + ")");
        // String's decoding replaces each malformed sequence with U+FFFD, which marks the fields to report
        text.append(new String(bytes, from, to - from, StandardCharsets.UTF_8));
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int index = 0; index < prefix.length; index++) {
            if (bytes[index] != prefix[index]) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4180 over the decoded text, counting lines. Empty lines between records are skipped. */
    private static final class Parser {
        private final String text;
        private final List<Record> records;
        private final List<Problem> problems;
        private int position;
        private int line = 1;

        Parser(String text, List<Record> records, List<Problem> problems) {
            this.text = text;
            this.records = records;
            this.problems = problems;
        }

        void run() {
            while (position < text.length()) {
                if (atLineEnd()) {
                    skipLineEnd();
                    continue;
                }
                int recordLine = line;
                List<String> fields = new ArrayList<>();
                while (true) {
                    fields.add(field(recordLine, fields.size()));
                    if (position < text.length() && text.charAt(position) == ',') {
                        position++;
                        continue;
                    }
                    break;
                }
                if (position < text.length()) {
                    skipLineEnd();
                }
                records.add(new Record(recordLine, fields));
            }
        }

        private String field(int recordLine, int index) {
            StringBuilder value = new StringBuilder();
            if (position < text.length() && text.charAt(position) == '"') {
                int quoteLine = line;
                position++;
                while (true) {
                    if (position >= text.length()) {
                        problems.add(new Problem(recordLine, index, "has a double quote opened on line " + quoteLine
                                + " that is never closed"));
                        return value.toString();
                    }
                    char next = text.charAt(position);
                    if (next == '"') {
                        if (position + 1 < text.length() && text.charAt(position + 1) == '"') {
                            value.append('"');
                            position += 2;
                            continue;
                        }
                        position++;
                        break;
                    }
                    if (next == '\r' && position + 1 < text.length() && text.charAt(position + 1) == '\n') {
                        position++;
                        continue;
                    }
                    if (next == '\n') {
                        line++;
                    }
                    value.append(next);
                    position++;
                }
                if (position < text.length() && text.charAt(position) != ',' && !atLineEnd()) {
                    problems.add(new Problem(recordLine, index, "has text after its closing double quote (a quote "
                            + "inside a quoted value is written twice: \"\")"));
                    while (position < text.length() && text.charAt(position) != ',' && !atLineEnd()) {
                        value.append(text.charAt(position++));
                    }
                }
                return value.toString();
            }
            boolean quoteInside = false;
            while (position < text.length() && text.charAt(position) != ',' && !atLineEnd()) {
                char next = text.charAt(position++);
                quoteInside |= next == '"';
                value.append(next);
            }
            if (quoteInside) {
                problems.add(new Problem(recordLine, index, "has a double quote inside a value that is not in double "
                        + "quotes (write the whole value in quotes, and each quote in it twice)"));
            }
            return value.toString();
        }

        private boolean atLineEnd() {
            char next = text.charAt(position);
            return next == '\n' || (next == '\r' && position + 1 < text.length() && text.charAt(position + 1) == '\n')
                    || (next == '\r' && position + 1 == text.length());
        }

        private void skipLineEnd() {
            if (text.charAt(position) == '\r') {
                position++;
            }
            if (position < text.length() && text.charAt(position) == '\n') {
                position++;
            }
            line++;
        }
    }
}
