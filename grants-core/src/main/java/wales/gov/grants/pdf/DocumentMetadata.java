package wales.gov.grants.pdf;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.util.Version;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;

/**
 * What makes a document PDF/A-3b and reproducible: the Info dictionary and the XMP packet saying the same title,
 * producer and dates, the sRGB output intent, the language, and a trailer {@code /ID} derived from the content
 * instead of PDFBox's default hash of the current time.
 */
final class DocumentMetadata {
    static final String PRODUCER = "Apache PDFBox " + Version.getVersion();
    private static final String SRGB = "sRGB IEC61966-2.1";
    private static final byte[] SRGB_PROFILE = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    private DocumentMetadata() {
    }

    static void write(PDDocument document, DocumentSettings settings) throws IOException {
        Calendar asOf = calendar(settings.asOf());
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(settings.title());
        info.setProducer(PRODUCER);
        info.setCreationDate(asOf);
        info.setModificationDate(asOf);

        PDDocumentCatalog catalog = document.getDocumentCatalog();
        catalog.setLanguage(settings.language().toLanguageTag());
        catalog.setMetadata(xmp(document, settings, asOf));
        PDOutputIntent intent = new PDOutputIntent(document, new ByteArrayInputStream(SRGB_PROFILE));
        intent.setInfo(SRGB);
        intent.setOutputCondition(SRGB);
        intent.setOutputConditionIdentifier(SRGB);
        intent.setRegistryName("http://www.color.org");
        catalog.addOutputIntent(intent);

        COSString id = new COSString(documentId(settings.documentIdSeed()));
        COSArray ids = new COSArray();
        ids.add(id);
        ids.add(id);
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    /** In UTC and to the second, because Info dates have no fractions and must agree with the XMP dates. */
    static Calendar calendar(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        calendar.setTimeInMillis(instant.truncatedTo(ChronoUnit.SECONDS).toEpochMilli());
        return calendar;
    }

    private static PDMetadata xmp(PDDocument document, DocumentSettings settings, Calendar asOf) throws IOException {
        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        DublinCoreSchema dublinCore = xmp.createAndAddDublinCoreSchema();
        dublinCore.setTitle(settings.title());
        dublinCore.addLanguage(settings.language().toLanguageTag());
        XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
        basic.setCreateDate(asOf);
        basic.setModifyDate(asOf);
        basic.setMetadataDate(asOf);
        AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
        pdf.setProducer(PRODUCER);
        PDFAIdentificationSchema identification = xmp.createAndAddPDFAIdentificationSchema();
        try {
            identification.setPart(3);
            identification.setConformance("B");
        } catch (BadFieldValueException e) {
            throw new IllegalStateException("xmpbox refused a PDF/A-3b identification", e);
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        try {
            new XmpSerializer().serialize(xmp, packet, true);
        } catch (javax.xml.transform.TransformerException e) {
            throw new IOException("cannot write the XMP metadata", e);
        }
        PDMetadata metadata = new PDMetadata(document);
        metadata.importXMPMetadata(packet.toByteArray());
        return metadata;
    }

    private static byte[] documentId(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
