package wales.gov.grants.api.errors;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Every request body but an evidence upload (multipart, read by {@code EvidenceForm} under its own, larger limit)
 * is counted as it is read, whatever its framing: a chunked body has no Content-Length for {@link BodySizeFilter}
 * to refuse, so reading one byte past the limit ends the request with a 413. A body labelled with a charset other
 * than UTF-8 is refused (415) before it is read: the API speaks UTF-8 only, and decoding it as UTF-8 regardless
 * would silently change its text.
 */
public final class RequestBodyInterceptor implements ReaderInterceptor {
    private final long maxBytes;

    public RequestBodyInterceptor(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException, WebApplicationException {
        MediaType type = context.getMediaType();
        if (type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            return context.proceed();
        }
        String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !isUtf8(charset)) {
            throw new BodyCharsetException(charset);
        }
        context.setInputStream(new LimitedInputStream(context.getInputStream(), maxBytes));
        return context.proceed();
    }

    private static boolean isUtf8(String charset) {
        String name = charset.strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.equalsIgnoreCase(StandardCharsets.UTF_8.name()) || name.equalsIgnoreCase("utf8");
    }

    /** A body longer than the limit; thrown while it is read, so nothing past the limit is ever buffered. */
    public static final class BodyTooLargeException extends RuntimeException {
        private final long limitBytes;

        BodyTooLargeException(long limitBytes) {
            super("A request body may be at most " + limitBytes + " bytes");
            this.limitBytes = limitBytes;
        }

        public long limitBytes() {
            return limitBytes;
        }
    }

    /** A body labelled with a charset other than UTF-8. */
    public static final class BodyCharsetException extends RuntimeException {
        BodyCharsetException(String charset) {
            super("Request bodies must be encoded in UTF-8 (Content-Type: application/json; charset=UTF-8, or no "
                    + "charset); this one is labelled " + clean(charset));
        }

        private static String clean(String charset) {
            String printable = charset.replaceAll("[^A-Za-z0-9._:\\-]", "?");
            return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
        }
    }

    /** Counts what is read and refuses to go past the limit. */
    static final class LimitedInputStream extends FilterInputStream {
        private final long maxBytes;
        private long count;

        LimitedInputStream(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                counted(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // never ask for more than one byte past the limit, so an oversized body is noticed at once
            long allowed = maxBytes - count + 1;
            int read = super.read(buffer, offset, (int) Math.min(length, Math.max(1, allowed)));
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        @Override
        public long skip(long wanted) throws IOException {
            long skipped = super.skip(Math.min(wanted, maxBytes - count + 1));
            counted(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void counted(long bytes) {
            count += bytes;
            if (count > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
        }
    }
}
