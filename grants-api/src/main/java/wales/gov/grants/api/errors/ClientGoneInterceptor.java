package wales.gov.grants.api.errors;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that goes away while its response is being written (it closed the connection mid-download) is nobody's
 * error: it is logged once, at INFO and without a stack trace, and the rest of the response is dropped. Without
 * this, every write failure reaches Jersey after the response was committed, which logs it at ERROR with the full
 * trace, however ordinary a cancelled download is.
 */
public final class ClientGoneInterceptor implements WriterInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(ClientGoneInterceptor.class);

    @Context
    private UriInfo uri;

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException, WebApplicationException {
        String path = uri == null ? "?" : "/" + uri.getPath();
        context.setOutputStream(new GuardedOutputStream(context.getOutputStream(), path));
        context.proceed();
    }

    /** Passes bytes on until the first failure, logs that once, and drops everything after it. */
    static final class GuardedOutputStream extends FilterOutputStream {
        private final String path;
        private long written;
        private boolean gone;

        GuardedOutputStream(OutputStream out, String path) {
            super(out);
            this.path = path;
        }

        @Override
        public void write(int value) throws IOException {
            if (!gone) {
                try {
                    out.write(value);
                    written++;
                } catch (IOException e) {
                    wentAway(e);
                }
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (!gone) {
                try {
                    out.write(bytes, offset, length);
                    written += length;
                } catch (IOException e) {
                    wentAway(e);
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (!gone) {
                try {
                    out.flush();
                } catch (IOException e) {
                    wentAway(e);
                }
            }
        }

        /** The response's own stream is closed by Jersey, not by the writer. */
        @Override
        public void close() throws IOException {
            flush();
        }

        private void wentAway(IOException failure) {
            gone = true;
            LOG.info("Client went away after {} bytes of the response to {}: {}", written, path,
                    rootMessage(failure));
        }

        private static String rootMessage(Throwable failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")");
        }
    }
}
