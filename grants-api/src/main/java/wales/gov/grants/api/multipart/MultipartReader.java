package wales.gov.grants.api.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import wales.gov.grants.kernel.MalformedRequestException;

import static java.util.Objects.requireNonNull;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part, straight from the request stream: a part's
 * body is handed out as a stream and nothing is buffered beyond a fixed window, so a file part of any size passes
 * through in constant memory. Reading the next part skips whatever is left of the current one.
 */
public final class MultipartReader {
    static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int BUFFER_BYTES = 256 * 1024;

    private final InputStream input;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int position;
    private int limit;
    private boolean endOfInput;
    private boolean finished;
    private PartBody current;
    /** No delimiter starts in the buffer before this index (from the current position on). */
    private int scanned;
    /** Where the next delimiter starts in the buffer, once found; -1 until then. */
    private int delimiterAt = -1;

    public MultipartReader(InputStream input, String boundary) {
        this.input = requireNonNull(input, "input is null");
        requireNonNull(boundary, "boundary is null");
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.buffer = new byte[BUFFER_BYTES + delimiter.length];
        // The body starts with "--boundary" without the CRLF that precedes every later delimiter: lend it one.
        this.buffer[0] = '\r';
        this.buffer[1] = '\n';
        this.limit = 2;
    }

    /** The boundary parameter of a {@code multipart/form-data} content type. */
    public static String boundary(String contentType) {
        if (contentType == null) {
            throw new MalformedRequestException("the request has no Content-Type; send multipart/form-data");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        String type = parseHeaderValue(contentType, parameters).toLowerCase(Locale.ROOT);
        if (!type.equals("multipart/form-data")) {
            throw new MalformedRequestException("the request must be multipart/form-data");
        }
        String boundary = parameters.get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70
                || !boundary.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new MalformedRequestException("the multipart/form-data content type has no valid boundary");
        }
        return boundary;
    }

    /** The next part, or empty after the closing delimiter. */
    public Optional<Part> next() throws IOException {
        if (current == null) {
            skipPreamble();
        } else {
            current.skipRest();
        }
        if (finished) {
            return Optional.empty();
        }
        ensure(2);
        if (unread() >= 2 && buffer[position] == '-' && buffer[position + 1] == '-') {
            finished = true;
            return Optional.empty();
        }
        Map<String, String> headers = readHeaders();
        Map<String, String> disposition = new LinkedHashMap<>();
        String kind = parseHeaderValue(headers.getOrDefault("content-disposition", ""), disposition);
        if (!kind.equalsIgnoreCase("form-data") || disposition.get("name") == null) {
            throw new MalformedRequestException("every part must have Content-Disposition: form-data with a name");
        }
        current = new PartBody();
        return Optional.of(new Part(disposition.get("name"), filename(disposition),
                headers.get("content-type"), current));
    }

    /** One part: its form field name, the client's filename if it is a file, and its body. */
    public record Part(String name, String filename, String contentType, InputStream body) {
        public Part {
            requireNonNull(name, "name is null");
            requireNonNull(body, "body is null");
        }

        public boolean isFile() {
            return filename != null;
        }
    }

    private void skipPreamble() throws IOException {
        // The lent CRLF lets the first delimiter be found like every other; a preamble before it is ignored.
        current = new PartBody();
        current.skipRest();
    }

    private Map<String, String> readHeaders() throws IOException {
        // after the delimiter: optional transport padding, then CRLF, then header lines up to an empty line
        int lineStart = -1;
        StringBuilder text = new StringBuilder();
        int consumed = 0;
        while (true) {
            ensure(1);
            if (unread() == 0) {
                throw new MalformedRequestException("the request body ended inside a part's headers");
            }
            byte next = buffer[position++];
            consumed++;
            if (consumed > MAX_HEADER_BYTES) {
                throw new MalformedRequestException("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
            }
            text.append((char) (next & 0xff));
            if (lineStart < 0) {
                // still on the delimiter line
                if (next == '\n') {
                    lineStart = text.length();
                }
                continue;
            }
            int length = text.length();
            if (length - lineStart >= 2 && text.charAt(length - 2) == '\r' && text.charAt(length - 1) == '\n'
                    && (length - lineStart == 2 || (length >= 4 && text.charAt(length - 4) == '\r'
                    && text.charAt(length - 3) == '\n'))) {
                break;
            }
        }
        String block = new String(text.substring(lineStart).getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedRequestException("a part has a malformed header line");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return headers;
    }

    private static String filename(Map<String, String> disposition) {
        String extended = disposition.get("filename*");
        if (extended != null) {
            int quote = extended.indexOf("''");
            if (quote > 0 && extended.substring(0, quote).equalsIgnoreCase("UTF-8")) {
                try {
                    return URLDecoder.decode(extended.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    // fall back to the plain filename parameter
                }
            }
        }
        return disposition.get("filename");
    }

    /** Parses {@code value; name=token; name="quoted \" string"}, returning the value and filling parameters. */
    static String parseHeaderValue(String header, Map<String, String> parameters) {
        int index = 0;
        int length = header.length();
        int semicolon = header.indexOf(';');
        String value = (semicolon < 0 ? header : header.substring(0, semicolon)).strip();
        index = semicolon < 0 ? length : semicolon + 1;
        while (index < length) {
            int equals = header.indexOf('=', index);
            if (equals < 0) {
                break;
            }
            String name = header.substring(index, equals).strip().toLowerCase(Locale.ROOT);
            index = equals + 1;
            StringBuilder parameter = new StringBuilder();
            if (index < length && header.charAt(index) == '"') {
                index++;
                while (index < length && header.charAt(index) != '"') {
                    char character = header.charAt(index);
                    // browsers send a backslash in a Windows path unescaped; only \" and \\ are escapes
                    if (character == '\\' && index + 1 < length
                            && (header.charAt(index + 1) == '"' || header.charAt(index + 1) == '\\')) {
                        index++;
                        character = header.charAt(index);
                    }
                    parameter.append(character);
                    index++;
                }
                index++;
                int next = header.indexOf(';', index);
                index = next < 0 ? length : next + 1;
            } else {
                int next = header.indexOf(';', index);
                parameter.append(header, index, next < 0 ? length : next);
                index = next < 0 ? length : next + 1;
            }
            parameters.putIfAbsent(name, parameter.toString().strip());
        }
        return value;
    }

    private int unread() {
        return limit - position;
    }

    /** Tries to have at least {@code wanted} unread bytes in the buffer; fewer only at the end of the input. */
    private void ensure(int wanted) throws IOException {
        if (unread() >= wanted || endOfInput) {
            return;
        }
        if (position > 0) {
            int shift = position;
            System.arraycopy(buffer, shift, buffer, 0, unread());
            limit -= shift;
            position = 0;
            scanned = Math.max(0, scanned - shift);
            if (delimiterAt >= 0) {
                delimiterAt -= shift;
            }
        }
        while (limit < wanted && !endOfInput) {
            int read = input.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfInput = true;
            } else {
                limit += read;
            }
        }
    }

    /** Index of the delimiter in the unread bytes, or -1. */
    private int findDelimiter() {
        if (delimiterAt >= position) {
            return delimiterAt;
        }
        byte first = delimiter[0];
        int last = limit - delimiter.length;
        int start = Math.max(position, scanned);
        scanned = Math.max(start, last + 1);
        outer:
        for (int index = start; index <= last; index++) {
            if (buffer[index] != first) {
                continue;
            }
            for (int offset = 1; offset < delimiter.length; offset++) {
                if (buffer[index + offset] != delimiter[offset]) {
                    continue outer;
                }
            }
            delimiterAt = index;
            return index;
        }
        return -1;
    }

    private final class PartBody extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] single = new byte[1];
            int read = read(single, 0, 1);
            return read < 0 ? -1 : single[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (true) {
                int found = findDelimiter();
                if (found == position) {
                    position += delimiter.length;
                    delimiterAt = -1;
                    scanned = position;
                    ended = true;
                    return -1;
                }
                int safe = found >= 0 ? found - position : unread() - (delimiter.length - 1);
                if (safe > 0) {
                    int count = Math.min(safe, length);
                    System.arraycopy(buffer, position, target, offset, count);
                    position += count;
                    return count;
                }
                if (endOfInput) {
                    throw new MalformedRequestException("the request body ended before its closing boundary");
                }
                // fill the whole window, so each byte is searched about once however small the client's packets
                ensure(Math.min(buffer.length, unread() + BUFFER_BYTES / 2));
            }
        }

        void skipRest() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }
    }
}
