package wales.gov.grants.pdf;

import java.io.IOException;
import java.io.InputStream;

/** Opens an attachment's bytes; the engine reads the stream once, to its end, and closes it. */
@FunctionalInterface
public interface ContentSource {
    InputStream open() throws IOException;
}
