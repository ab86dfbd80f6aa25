package wales.gov.grants.api.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds a multipart/form-data body byte by byte, so tests can send exactly the malformed input they mean to. */
public final class MultipartBody {
    public static final String BOUNDARY = "grants-test-boundary-5f1c2a";
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    public static MultipartBody create() {
        return new MultipartBody();
    }

    public static String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    public MultipartBody field(String name, String value) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        bytes.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        write("\r\n");
        return this;
    }

    public MultipartBody file(String filename, String declaredType, byte[] content) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n");
        bytes.writeBytes(content);
        write("\r\n");
        return this;
    }

    public byte[] build() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(bytes.toByteArray());
        copy.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return copy.toByteArray();
    }

    private void write(String text) {
        bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
