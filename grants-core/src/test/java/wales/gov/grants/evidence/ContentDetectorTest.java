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
    void acceptsPlainPdfs() throws IOException {
        assertThat(detect("scan.pdf", SampleFiles.pdfDocument())).isEqualTo(EvidenceMediaType.PDF);
        assertThat(detect("tiny.pdf", SampleFiles.pdf())).isEqualTo(EvidenceMediaType.PDF);
    }

    @Test
    void refusesPdfsWithJavaScriptLaunchActionsOrEmbeddedFiles() {
        assertThatThrownBy(() -> detect("a.pdf", SampleFiles.pdfWithOpenActionJavaScript()))
                .isInstanceOf(UnsupportedContentException.class).hasMessageContaining("JavaScript");
        assertThatThrownBy(() -> detect("a.pdf", SampleFiles.pdfWithPageJavaScript()))
                .isInstanceOf(UnsupportedContentException.class).hasMessageContaining("JavaScript");
        assertThatThrownBy(() -> detect("a.pdf", SampleFiles.pdfWithLaunchAction()))
                .isInstanceOf(UnsupportedContentException.class).hasMessageContaining("Launch");
        assertThatThrownBy(() -> detect("a.pdf", SampleFiles.pdfWithEmbeddedFile()))
                .isInstanceOf(UnsupportedContentException.class).hasMessageContaining("embedded");
        // a hex-escaped name is the same name to a PDF reader
        byte[] escaped = SampleFiles.utf8("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> "
                + "endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                + "3 0 obj << /S /J#61vaScript /J#53 (app.alert(1)) >> endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n");
        assertThatThrownBy(() -> detect("a.pdf", escaped))
                .isInstanceOf(UnsupportedContentException.class).hasMessageContaining("JavaScript");
    }

    @Test
    void refusesPdfsWithAnotherFileAppended() {
        assertThatThrownBy(() -> detect("a.pdf", SampleFiles.pdfWithZipAppended()))
                .isInstanceOf(UnsupportedContentException.class).hasMessageContaining("another kind");
        assertThatThrownBy(() -> detect("a.pdf", SampleFiles.pdfWithZipAppendedEndingInEof()))
                .isInstanceOf(UnsupportedContentException.class).hasMessageContaining("zip");
        byte[] html = java.util.Arrays.copyOf(SampleFiles.pdfDocument(), SampleFiles.pdfDocument().length + 30);
        byte[] script = SampleFiles.utf8("<script>alert(1)</script>");
        System.arraycopy(script, 0, html, SampleFiles.pdfDocument().length, script.length);
        assertThatThrownBy(() -> detect("a.pdf", html))
                .isInstanceOf(UnsupportedContentException.class).hasMessageContaining("after its end");
    }

    @Test
    void refusesAPdfTooBrokenToCheck() {
        byte[] broken = SampleFiles.utf8("%PDF-1.4\n<<<<<<garbage\n%%EOF\n");
        assertThatThrownBy(() -> detect("a.pdf", broken)).isInstanceOf(UnsupportedContentException.class);
    }

    @Test
    void storesTheDetectedTypesExtension() {
        assertThat(Filenames.clean("photo.pdf", EvidenceMediaType.PNG)).isEqualTo("photo.png");
        assertThat(Filenames.clean("photo.PDF", EvidenceMediaType.PDF)).isEqualTo("photo.PDF");
        assertThat(Filenames.clean("photo.exe", EvidenceMediaType.PNG)).isEqualTo("photo.exe.png");
        assertThat(Filenames.clean("scan", EvidenceMediaType.JPEG)).isEqualTo("scan.jpg");
        assertThat(Filenames.clean("scan.jpeg", EvidenceMediaType.JPEG)).isEqualTo("scan.jpeg");
        assertThat(Filenames.clean("figures.txt", EvidenceMediaType.CSV)).isEqualTo("figures.txt");
        assertThat(Filenames.clean("report.docx", EvidenceMediaType.ODT)).isEqualTo("report.odt");
        assertThat(Filenames.clean(".pdf", EvidenceMediaType.PNG)).isEqualTo("pdf.png");
        assertThat(Filenames.clean(" .", EvidenceMediaType.PNG)).isEqualTo("upload.png");
        assertThat(Filenames.clean("x".repeat(300) + ".pdf", EvidenceMediaType.PNG))
                .hasSize(Filenames.MAX_LENGTH).endsWith("x.png");
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
