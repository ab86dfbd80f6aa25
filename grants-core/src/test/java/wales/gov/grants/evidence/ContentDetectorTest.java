package wales.gov.grants.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.kernel.UnsupportedContentException;
import wales.gov.grants.testing.SampleFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentDetectorTest {
    private final ContentDetector detector = new ContentDetector();

    @TempDir
    Path directory;

    @Test
    void detectsEachAcceptedKindFromItsBytesWhateverItsName() throws IOException {
        assertThat(detect("report.txt", SampleFiles.pdf())).isEqualTo(EvidenceMediaType.PDF);
        assertThat(detect("photo.pdf", SampleFiles.png())).isEqualTo(EvidenceMediaType.PNG);
        assertThat(detect("scan", SampleFiles.jpeg())).isEqualTo(EvidenceMediaType.JPEG);
        assertThat(detect("figures.txt", SampleFiles.csv())).isEqualTo(EvidenceMediaType.CSV);
        assertThat(detect("adroddiad.csv", SampleFiles.welshText())).isEqualTo(EvidenceMediaType.TEXT);
        assertThat(detect("a.zip", SampleFiles.xlsx())).isEqualTo(EvidenceMediaType.XLSX);
        assertThat(detect("a.xlsx", SampleFiles.docx())).isEqualTo(EvidenceMediaType.DOCX);
        assertThat(detect("a.ods", SampleFiles.odt())).isEqualTo(EvidenceMediaType.ODT);
        assertThat(detect("a.odt", SampleFiles.ods())).isEqualTo(EvidenceMediaType.ODS);
    }

    @Test
    void refusesAWindowsExecutableRenamedPdfAlreadyFromItsFirstBytes() {
        byte[] exe = SampleFiles.windowsExecutable();
        assertThatThrownBy(() -> detector.sniff(exe, exe.length)).isInstanceOf(UnsupportedContentException.class);
        assertThatThrownBy(() -> detect("invoice.pdf", exe)).isInstanceOf(UnsupportedContentException.class)
                .hasMessageContaining("not accepted");
    }

    @Test
    void refusesAZipBombRenamedDocxWithoutInflatingItAll() {
        byte[] bomb = SampleFiles.zipBomb(200);
        assertThat(bomb.length).isLessThan(1024 * 1024);
        long started = System.nanoTime();
        assertThatThrownBy(() -> detect("report.docx", bomb)).isInstanceOf(UnsupportedContentException.class)
                .hasMessageContaining("zip bomb");
        assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
    }

    @Test
    void refusesOtherArchivesMacrosAndMalformedZips() {
        assertThatThrownBy(() -> detect("a.docx", zipOf("readme.txt"))).isInstanceOf(UnsupportedContentException.class);
        byte[] truncated = java.util.Arrays.copyOf(SampleFiles.docx(), 40);
        assertThatThrownBy(() -> detect("a.docx", truncated)).isInstanceOf(UnsupportedContentException.class);
        assertThatThrownBy(() -> detect("macro.docx", zipWithMacros())).isInstanceOf(UnsupportedContentException.class)
                .hasMessageContaining("macros");
    }

    @Test
    void textMustBeUtf8WithoutControlCharactersAndNotMarkup() {
        byte[] latin1 = "Caf\u00e9 in Windows-1252\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> detect("a.txt", latin1)).isInstanceOf(UnsupportedContentException.class)
                .hasMessageContaining("UTF-8");
        byte[] html = SampleFiles.utf8("<html><body><script>alert(1)</script></body></html>");
        assertThatThrownBy(() -> detect("a.txt", html)).isInstanceOf(UnsupportedContentException.class);
        byte[] textThenBinary = new byte[100_000];
        java.util.Arrays.fill(textThenBinary, (byte) 'a');
        textThenBinary[99_000] = 0;
        assertThatThrownBy(() -> detect("a.txt", textThenBinary)).isInstanceOf(UnsupportedContentException.class);
    }

    @Test
    void csvNeedsAtLeastTwoRecordsWithTheSameNumberOfFields() {
        assertThat(ContentDetector.looksLikeCsv("a,b\n1,2\n")).isTrue();
        assertThat(ContentDetector.looksLikeCsv("a,b\r\n\"1,5\",\"say \"\"hi\"\"\"\r\n")).isTrue();
        assertThat(ContentDetector.looksLikeCsv("a,b\n1,2,3\n")).isFalse();
        assertThat(ContentDetector.looksLikeCsv("Dear officer, here is our return.\n")).isFalse();
        assertThat(ContentDetector.looksLikeCsv("just text\nmore text\n")).isFalse();
    }

    private EvidenceMediaType detect(String name, byte[] content) throws IOException {
        Path file = Files.write(directory.resolve(name), content);
        return detector.detect(file);
    }

    private static byte[] zipOf(String name) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(name));
            zip.write(SampleFiles.utf8("hello"));
            zip.closeEntry();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] zipWithMacros() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes);
             java.util.zip.ZipInputStream docx = new java.util.zip.ZipInputStream(
                     new java.io.ByteArrayInputStream(SampleFiles.docx()))) {
            java.util.zip.ZipEntry entry;
            while ((entry = docx.getNextEntry()) != null) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                docx.transferTo(zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new java.util.zip.ZipEntry("word/vbaProject.bin"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
