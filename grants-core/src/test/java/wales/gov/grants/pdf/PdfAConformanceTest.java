package wales.gov.grants.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

import static org.assertj.core.api.Assertions.assertThat;

class PdfAConformanceTest {
    private static final PDFAFlavour PDF_A_3B = PDFAFlavour.fromString("3b");

    @BeforeAll
    static void initialiseVeraPdf() {
        VeraGreenfieldFoundryProvider.initialise();
    }

    @Test
    void aDocumentWithHeadingsAMultiPageTableWelshTextAndAttachmentsIsPdfA3b() throws Exception {
        ValidationResult result = validate(SampleDocuments.full(SampleDocuments.welsh(), 60));

        assertThat(result.isCompliant()).as(failedRules(result)).isTrue();
    }

    @Test
    void aPlainDocumentWithoutOutputIntentOrMetadataIsNot() throws Exception {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (PDDocument document = new PDDocument();
                InputStream font = getClass().getResourceAsStream("/net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf")) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(PDType0Font.load(document, font), 12);
                content.showText("Not an archival document");
                content.endText();
            }
            document.save(plain);
        }

        ValidationResult result = validate(plain.toByteArray());

        assertThat(result.isCompliant()).isFalse();
        assertThat(failedRules(result)).contains("6.6.2.1-1", "6.2.4.3-4");
    }

    private static ValidationResult validate(byte[] pdf) throws Exception {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDF_A_3B);
                PDFAValidator validator = Foundries.defaultInstance().createValidator(PDF_A_3B, false)) {
            return validator.validate(parser);
        } catch (IOException e) {
            throw new AssertionError("veraPDF could not read the document", e);
        }
    }

    private static String failedRules(ValidationResult result) {
        return result.getTestAssertions().stream()
                .filter(assertion -> assertion.getStatus() == TestAssertion.Status.FAILED)
                .map(assertion -> assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber()
                        + ": " + assertion.getMessage())
                .distinct()
                .collect(Collectors.joining("\n", "failed rules:\n", ""));
    }
}
