package wales.gov.grants.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentWriterTest {
    @Test
    void extractsWelshLettersWordsWithoutLigaturesAndPageNumbersAsText() throws IOException {
        String text = text(SampleDocuments.full(SampleDocuments.english(SampleDocuments.SHA256), 60));

        assertThat(text).contains(SampleDocuments.WELSH, "finance office", "Cardiff Council", "£1,250,000.00");
        assertThat(text).doesNotContain("\uFB01", "\uFB03");
        assertThat(text).contains("Page 1 of 3", "Page 2 of 3", "Page 3 of 3").doesNotContain("Page 4");
    }

    @Test
    void writesTheLocalisedPageLabel() throws IOException {
        String text = text(SampleDocuments.full(SampleDocuments.welsh(), 60));

        assertThat(text).contains("Tudalen 1 o 3", "Tudalen 2 o 3", "Tudalen 3 o 3", "Pecyn archwilio AW-2020-0001");
    }

    @Test
    void wrapsADigestThatIsWiderThanItsColumnInsteadOfCuttingIt() throws IOException {
        byte[] pdf = SampleDocuments.render(SampleDocuments.english("seed"), writer -> {
            Table table = writer.table(Column.left("Digest", ColumnWidth.points(120)).withStyle(TextStyle.MONOSPACE),
                    Column.left("File", ColumnWidth.relative(1)));
            table.row(SampleDocuments.SHA256, "invoice.pdf");
        });

        String text = text(pdf);
        assertThat(text).contains("invoice.pdf");
        assertThat(text.replace("invoice.pdf", "").replaceAll("\\s", "")).contains(SampleDocuments.SHA256);
    }

    @Test
    void aRowTallerThanAPageContinuesOnTheNextPagesUnderTheHeader() throws IOException {
        StringBuilder note = new StringBuilder();
        for (int line = 1; line <= 150; line++) {
            note.append("line").append(line).append('\n');
        }
        byte[] pdf = SampleDocuments.render(SampleDocuments.english("seed"), writer -> {
            Table table = writer.table(Column.left("Claim", ColumnWidth.points(60)), Column.left("Note", ColumnWidth.relative(1)));
            table.rows(List.of(List.of(Cell.of("CL-1"), Cell.of(note.toString()))).iterator());
            writer.paragraph("after the table");
        });

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(3);
            assertThat(pageText(document, 3)).contains("Claim Note", "line150", "after the table");
            String text = new PDFTextStripper().getText(document);
            for (int line = 1; line <= 150; line++) {
                assertThat(text).contains("line" + line + "\n");
            }
        }
    }

    @Test
    void repeatsTheTableHeaderOnEveryPageTheTableReaches() throws IOException {
        byte[] pdf = SampleDocuments.full(SampleDocuments.english(SampleDocuments.SHA256), 60);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(3);
            List<Integer> rowsPerPage = new ArrayList<>();
            for (int page = 1; page <= 3; page++) {
                String text = pageText(document, page);
                assertThat(text).as("page %d", page).contains("Reference Submitted Amount Evidence Check");
                rowsPerPage.add(count(text, Pattern.compile("(?m)^CL-\\d+ ")));
            }
            assertThat(rowsPerPage.stream().mapToInt(Integer::intValue).sum()).isEqualTo(60);
            assertThat(rowsPerPage).allMatch(rows -> rows > 0);
        }
    }

    @Test
    void bookmarksEveryHeadingWithSubheadingsUnderTheirHeading() throws IOException {
        byte[] pdf = SampleDocuments.full(SampleDocuments.english(SampleDocuments.SHA256), 60);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> outline = new ArrayList<>();
            for (PDOutlineItem heading : document.getDocumentCatalog().getDocumentOutline().children()) {
                outline.add(heading.getTitle());
                for (PDOutlineItem subheading : heading.children()) {
                    outline.add("  " + subheading.getTitle());
                }
            }
            assertThat(outline).containsExactly(
                    "Award AW-2020-0001", "  Conditions", "Claims", "  Claims by quarter");
            PDOutlineItem claims = document.getDocumentCatalog().getDocumentOutline().children().iterator().next()
                    .getNextSibling();
            assertThat(document.getPages().indexOf(claims.findDestinationPage(document))).isEqualTo(0);
            PDOutlineItem quarters = claims.getFirstChild();
            assertThat(document.getPages().indexOf(quarters.findDestinationPage(document))).isEqualTo(2);
        }
    }

    @Test
    void embedsAttachmentsWithTheirRelationshipDatesSizeAndChecksumInNameOrder() throws Exception {
        byte[] pdf = SampleDocuments.full(SampleDocuments.english(SampleDocuments.SHA256), 3);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            Map<String, PDComplexFileSpecification> files =
                    document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames();
            // by the bytes of the keys: a name that is not ASCII is UTF-16 and starts with FE FF
            assertThat(files.keySet()).containsExactly("pack-data.json", "anfoneb-ŵyl.csv");

            PDComplexFileSpecification evidence = files.get("anfoneb-ŵyl.csv");
            assertThat(evidence.getCOSObject().getNameAsString(COSName.AF_RELATIONSHIP)).isEqualTo("Source");
            assertThat(evidence.getFileDescription()).isEqualTo("Invoice (evidence)");
            PDEmbeddedFile content = evidence.getEmbeddedFileUnicode();
            assertThat(content.getSubtype()).isEqualTo("text/csv");
            assertThat(content.toByteArray()).isEqualTo(SampleDocuments.CSV);
            assertThat(content.getSize()).isEqualTo(SampleDocuments.CSV.length);
            assertThat(content.getCreationDate().toInstant()).isEqualTo(Instant.parse("2019-05-01T09:00:00Z"));
            COSDictionary parameters = content.getCOSObject().getCOSDictionary(COSName.PARAMS);
            assertThat(((COSString) parameters.getDictionaryObject(COSName.CHECK_SUM)).getBytes())
                    .isEqualTo(MessageDigest.getInstance("MD5").digest(SampleDocuments.CSV));

            PDComplexFileSpecification data = files.get("pack-data.json");
            assertThat(data.getCOSObject().getNameAsString(COSName.AF_RELATIONSHIP)).isEqualTo("Data");
            assertThat(data.getEmbeddedFile().toByteArray()).isEqualTo(SampleDocuments.JSON);

            COSArray associated = document.getDocumentCatalog().getCOSObject().getCOSArray(COSName.AF);
            assertThat(associated.size()).isEqualTo(2);
            assertThat(associated.getObject(0)).isSameAs(data.getCOSObject());
            assertThat(associated.getObject(1)).isSameAs(evidence.getCOSObject());
        }
    }

    @Test
    void refusesTwoAttachmentsOfTheSameName() {
        Attachment attachment = new Attachment("a.txt", "text/plain", "", AttachmentRelationship.SOURCE,
                SampleDocuments.AS_OF, SampleDocuments.AS_OF, () -> InputStream.nullInputStream());

        assertThatThrownBy(() -> SampleDocuments.render(SampleDocuments.english("seed"), writer -> {
            writer.attach(attachment);
            writer.attach(attachment);
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.txt");
    }

    @Test
    void theSameInputGivesTheSameBytesAndTheSeedDecidesTheDocumentId() throws Exception {
        byte[] first = SampleDocuments.full(SampleDocuments.english(SampleDocuments.SHA256), 60);
        byte[] second = SampleDocuments.full(SampleDocuments.english(SampleDocuments.SHA256), 60);
        byte[] otherSeed = SampleDocuments.full(SampleDocuments.english("another seed"), 60);

        assertThat(sha256(second)).isEqualTo(sha256(first));
        assertThat(sha256(otherSeed)).isNotEqualTo(sha256(first));
        try (PDDocument document = Loader.loadPDF(first)) {
            assertThat(document.getDocumentInformation().getCreationDate().toInstant())
                    .isEqualTo(SampleDocuments.AS_OF);
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("en-GB");
        }
    }

    @Test
    void leavesTheCallersStreamOpenAndRefusesContentAfterFinishing() throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the writer closed the caller's stream");
            }
        };
        DocumentWriter writer = DocumentWriter.open(SampleDocuments.english("seed"));
        writer.paragraph("Only a line.");
        writer.finish(output);

        assertThat(new String(output.toByteArray(), 0, 8, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-1.7");
        assertThatThrownBy(() -> writer.paragraph("more")).isInstanceOf(IllegalStateException.class);
        writer.close();
    }

    @Test
    void aTableEndsWhenSomethingElseIsWritten() throws IOException {
        SampleDocuments.render(SampleDocuments.english("seed"), writer -> {
            Table table = writer.table(Column.left("A", ColumnWidth.relative(1)));
            table.row("1");
            writer.paragraph("after");
            assertThatThrownBy(() -> table.row("2")).isInstanceOf(IllegalStateException.class);
        });
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static String pageText(PDDocument document, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(document);
    }

    private static int count(String text, Pattern pattern) {
        Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
