package wales.gov.grants.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.common.filespecification.PDSimpleFileSpecification;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.action.PDPageAdditionalActions;

/** Tiny but real files of each kind, built in memory, for type detection and upload tests. */
public final class SampleFiles {
    private SampleFiles() {
    }

    public static byte[] pdf() {
        return ascii("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n");
    }

    /** A one-page PDF written by PDFBox, as a scanner or word processor would make one. */
    public static byte[] pdfDocument() {
        return pdfBox(document -> {
        });
    }

    /** A PDF that runs JavaScript as soon as it is opened (an /OpenAction of type JavaScript). */
    public static byte[] pdfWithOpenActionJavaScript() {
        return pdfBox(document -> {
            PDActionJavaScript script = new PDActionJavaScript("app.alert('opened');");
            document.getDocumentCatalog().setOpenAction(script);
        });
    }

    /** A PDF whose page runs JavaScript when it is shown (a page /AA), with nothing in the catalogue. */
    public static byte[] pdfWithPageJavaScript() {
        return pdfBox(document -> {
            PDPageAdditionalActions actions = new PDPageAdditionalActions();
            actions.setO(new PDActionJavaScript("this.print();"));
            document.getPage(0).setActions(actions);
        });
    }

    /** A PDF that launches a program when it is opened. */
    public static byte[] pdfWithLaunchAction() {
        return pdfBox(document -> {
            PDActionLaunch launch = new PDActionLaunch();
            launch.setFile(new PDSimpleFileSpecification(new COSString("cmd.exe")));
            document.getDocumentCatalog().setOpenAction(launch);
        });
    }

    /** A PDF carrying a Windows executable as an embedded file. */
    public static byte[] pdfWithEmbeddedFile() {
        return pdfBox(document -> {
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile("invoice.exe");
            try {
                spec.setEmbeddedFile(new PDEmbeddedFile(document, new java.io.ByteArrayInputStream(
                        windowsExecutable())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(Map.of("invoice.exe", spec));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            document.getDocumentCatalog().setNames(names);
        });
    }

    /** A valid PDF with a zip archive appended after its %%EOF: a PDF reader and a zip reader both open it. */
    public static byte[] pdfWithZipAppended() {
        return concat(pdfDocument(), zip(Map.of("payload.txt", utf8("hidden")), false));
    }

    /** The same, with "%%EOF" hidden in the zip's comment so that the file still ends with one. */
    public static byte[] pdfWithZipAppendedEndingInEof() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setComment("%%EOF");
            zip.putNextEntry(new ZipEntry("payload.txt"));
            zip.write(utf8("hidden"));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return concat(pdfDocument(), bytes.toByteArray());
    }

    private static byte[] pdfBox(java.util.function.Consumer<PDDocument> change) {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            change.accept(document);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    public static byte[] png() {
        return bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R',
                0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE, 0, 0, 0, 0, 'I', 'E', 'N', 'D',
                0xAE, 0x42, 0x60, 0x82);
    }

    public static byte[] jpeg() {
        return bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
                0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9);
    }

    public static byte[] csv() {
        return utf8("organisation,care_leavers_supported,spend\n"
                + "Cyngor Caerdydd,120,\"12,500.00\"\n"
                + "Cyngor Abertawe,95,9800.00\n");
    }

    public static byte[] welshText() {
        return utf8("Adroddiad monitro: cefnogwyd 120 o bobl ifanc sy'n gadael gofal.\n"
                + "Ŵyr a ŷd — â ê î ô û ŵ ŷ.\n");
    }

    /** A Windows executable's first bytes: "MZ", the DOS stub, and a PE header offset. */
    public static byte[] windowsExecutable() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3C] = (byte) 0x80;
        byte[] stub = ascii("This program cannot be run in DOS mode.");
        System.arraycopy(stub, 0, exe, 0x4E, stub.length);
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        return exe;
    }

    public static byte[] docx() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("[Content_Types].xml", ooxmlContentTypes("/word/document.xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"));
        entries.put("_rels/.rels", utf8("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"));
        entries.put("word/document.xml", utf8("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Adroddiad</w:t></w:r></w:p></w:body></w:document>"));
        return zip(entries, false);
    }

    public static byte[] xlsx() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("[Content_Types].xml", ooxmlContentTypes("/xl/workbook.xml",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"));
        entries.put("_rels/.rels", utf8("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
        entries.put("xl/workbook.xml", utf8("<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\"/></sheets></workbook>"));
        return zip(entries, false);
    }

    public static byte[] odt() {
        return openDocument("application/vnd.oasis.opendocument.text");
    }

    public static byte[] ods() {
        return openDocument("application/vnd.oasis.opendocument.spreadsheet");
    }

    /** A DOCX-shaped archive with one entry of {@code inflatedMegabytes} MB of zeros: tiny on disk, huge inflated. */
    public static byte[] zipBomb(int inflatedMegabytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(ooxmlContentTypes("/word/document.xml",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int index = 0; index < inflatedMegabytes; index++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] openDocument(String mediaType) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        // ODF requires "mimetype" first and stored uncompressed
        entries.put("mimetype", ascii(mediaType));
        entries.put("META-INF/manifest.xml", utf8("<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"" + mediaType + "\"/></manifest:manifest>"));
        entries.put("content.xml", utf8("<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>"));
        return zip(entries, true);
    }

    private static byte[] ooxmlContentTypes(String mainPart, String mainType) {
        return utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"" + mainPart + "\" ContentType=\"" + mainType + "\"/></Types>");
    }

    private static byte[] zip(Map<String, byte[]> entries, boolean firstStored) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            boolean first = true;
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                if (first && firstStored) {
                    CRC32 crc = new CRC32();
                    crc.update(entry.getValue());
                    zipEntry.setMethod(ZipEntry.STORED);
                    zipEntry.setSize(entry.getValue().length);
                    zipEntry.setCompressedSize(entry.getValue().length);
                    zipEntry.setCrc(crc.getValue());
                }
                first = false;
                zip.putNextEntry(zipEntry);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int index = 0; index < values.length; index++) {
            result[index] = (byte) values[index];
        }
        return result;
    }
}
