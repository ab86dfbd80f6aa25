package wales.gov.grants.api.multipart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import wales.gov.grants.evidence.EvidenceMediaType;
import wales.gov.grants.evidence.Filenames;
import wales.gov.grants.kernel.MalformedRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipartReaderTest {
    private static final String BOUNDARY = "----grants-boundary-7MA4YWxkTrZu0gW";

    @Test
    void readsFieldsAndABinaryFileThatContainsBoundaryLikeBytes() throws IOException {
        byte[] file = new byte[1_000_003];
        new Random(7).nextBytes(file);
        byte[] almost = ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(almost, 0, file, 500_000, almost.length);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("preamble\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
                + "Adroddiad ŵ\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"C:\\Users\\me\\invoice.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + BOUNDARY + "--\r\nepilogue").getBytes(StandardCharsets.US_ASCII));

        MultipartReader reader = new MultipartReader(new TrickleStream(body.toByteArray()), BOUNDARY);
        MultipartReader.Part title = reader.next().orElseThrow();
        assertThat(title.name()).isEqualTo("title");
        assertThat(title.isFile()).isFalse();
        assertThat(new String(title.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("Adroddiad ŵ");
        MultipartReader.Part upload = reader.next().orElseThrow();
        assertThat(upload.filename()).isEqualTo("C:\\Users\\me\\invoice.pdf");
        assertThat(upload.contentType()).isEqualTo("application/pdf");
        assertThat(upload.body().readAllBytes()).isEqualTo(file);
        assertThat(reader.next()).isEqualTo(Optional.empty());
    }

    @Test
    void aBodyWithoutItsClosingBoundaryIsMalformed() {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n"
                + "cut off here").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> {
            MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);
            reader.next().orElseThrow().body().readAllBytes();
        }).isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void theBoundaryComesFromTheContentType() {
        assertThat(MultipartReader.boundary("multipart/form-data; boundary=\"abc def\"")).isEqualTo("abc def");
        assertThat(MultipartReader.boundary("Multipart/Form-Data;boundary=xyz")).isEqualTo("xyz");
        assertThatThrownBy(() -> MultipartReader.boundary("application/json"))
                .isInstanceOf(MalformedRequestException.class);
        assertThatThrownBy(() -> MultipartReader.boundary("multipart/form-data"))
                .isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void filenamesAreCleanedOfPathsAndInvisibleCharacters() {
        assertThat(Filenames.clean("../../etc/passwd", EvidenceMediaType.TEXT)).isEqualTo("passwd.txt");
        assertThat(Filenames.clean("C:\\Users\\me\\invoice.pdf", EvidenceMediaType.PDF)).isEqualTo("invoice.pdf");
        assertThat(Filenames.clean("invoice\u202Efdp.exe", EvidenceMediaType.PDF)).isEqualTo("invoicefdp.exe.pdf");
        assertThat(Filenames.clean("a\u0000b\nc.txt", EvidenceMediaType.TEXT)).isEqualTo("abc.txt");
        assertThat(Filenames.clean("..", EvidenceMediaType.PDF)).isEqualTo("upload.pdf");
        assertThat(Filenames.clean(null, EvidenceMediaType.PDF)).isEqualTo("upload.pdf");
        assertThat(Filenames.clean("Adroddiad ŵyr.pdf", EvidenceMediaType.PDF)).isEqualTo("Adroddiad ŵyr.pdf");
        assertThat(Filenames.isSuspicious("../../etc/passwd")).isTrue();
        assertThat(Filenames.isSuspicious("..\\..\\boot.ini")).isTrue();
        assertThat(Filenames.isSuspicious("a\u0000.pdf")).isTrue();
        assertThat(Filenames.isSuspicious("C:\\Users\\me\\invoice..final.pdf")).isFalse();
    }

    /** Hands the body out a few bytes at a time, as a slow network would. */
    private static final class TrickleStream extends InputStream {
        private final byte[] bytes;
        private final Random sizes = new Random(3);
        private int position;

        TrickleStream(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= bytes.length) {
                return -1;
            }
            int count = Math.min(Math.min(length, 1 + sizes.nextInt(9000)), bytes.length - position);
            System.arraycopy(bytes, position, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
