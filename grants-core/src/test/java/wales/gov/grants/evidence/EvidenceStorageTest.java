package wales.gov.grants.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.kernel.ContentTooLargeException;
import wales.gov.grants.kernel.MalformedRequestException;
import wales.gov.grants.kernel.UnsupportedContentException;
import wales.gov.grants.testing.SampleFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceStorageTest {
    private static final EvidenceStorage.ContentSniffer ANYTHING = (head, length) -> { };

    @TempDir
    Path root;

    @Test
    void storesBytesUnderTheirSha256AndTheSameContentOnce() throws Exception {
        EvidenceStorage storage = new EvidenceStorage(root, 10_000_000);
        byte[] content = random(3_000_000);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

        EvidenceStorage.StagedFile first = storage.receive(new ByteArrayInputStream(content), ANYTHING);
        assertThat(first.sha256()).isEqualTo(sha256);
        assertThat(first.size()).isEqualTo(content.length);
        assertThat(storage.place(first)).isTrue();
        Path stored = root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
        assertThat(Files.readAllBytes(stored)).isEqualTo(content);

        EvidenceStorage.StagedFile second = storage.receive(new ByteArrayInputStream(content), ANYTHING);
        assertThat(storage.place(second)).isFalse();
        assertThat(storage.storedHashes()).containsExactly(sha256);
        assertThat(storage.temporaryFileCount()).isZero();
        try (InputStream in = storage.open(sha256)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void stopsReadingAtTheLimitAndLeavesNothing() {
        EvidenceStorage storage = new EvidenceStorage(root, 1_000_000);
        CountingStream endless = new CountingStream(Long.MAX_VALUE);
        assertThatThrownBy(() -> storage.receive(endless, ANYTHING)).isInstanceOf(ContentTooLargeException.class);
        assertThat(endless.served).isLessThan(1_000_000 + 512 * 1024);
        assertThat(storage.temporaryFileCount()).isZero();
        assertThat(storage.storedHashes()).isEmpty();
    }

    @Test
    void aClientThatGoesAwayMidUploadLeavesNothing() {
        EvidenceStorage storage = new EvidenceStorage(root, 10_000_000);
        InputStream brokenOff = new CountingStream(2_000_000) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                if (read < 0) {
                    throw new IOException("connection reset by peer");
                }
                return read;
            }
        };
        assertThatThrownBy(() -> storage.receive(brokenOff, ANYTHING)).isInstanceOf(MalformedRequestException.class);
        assertThat(storage.temporaryFileCount()).isZero();
    }

    @Test
    void anUnacceptableStartIsRefusedBeforeTheRestIsRead() {
        EvidenceStorage storage = new EvidenceStorage(root, 100_000_000);
        byte[] exe = SampleFiles.windowsExecutable();
        CountingStream rest = new CountingStream(50_000_000);
        InputStream upload = new java.io.SequenceInputStream(new ByteArrayInputStream(exe), rest);
        assertThatThrownBy(() -> storage.receive(upload, new ContentDetector()))
                .isInstanceOf(UnsupportedContentException.class);
        assertThat(rest.served).isLessThan(1024 * 1024);
        assertThat(storage.temporaryFileCount()).isZero();
    }

    @Test
    void leftoverTemporaryFilesAreDeletedAtStartUp() throws IOException {
        EvidenceStorage storage = new EvidenceStorage(root, 1000);
        Files.write(root.resolve("tmp").resolve("upload-123.part"), new byte[] {1, 2, 3});
        assertThat(new EvidenceStorage(root, 1000).deleteTemporaryFiles()).isEqualTo(1);
        assertThat(storage.temporaryFileCount()).isZero();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    /** Serves zeros up to {@code length} bytes, counting how many were taken. */
    static class CountingStream extends InputStream {
        private final long length;
        long served;

        CountingStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (served >= length) {
                return -1;
            }
            int read = (int) Math.min(count, length - served);
            java.util.Arrays.fill(buffer, offset, offset + read, (byte) 'x');
            served += read;
            return read;
        }
    }
}
