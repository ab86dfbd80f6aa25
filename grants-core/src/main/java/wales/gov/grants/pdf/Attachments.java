package wales.gov.grants.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PageMode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

/**
 * The document's embedded files. Each is copied into the document's scratch storage as it is attached (spilling to
 * a temporary file beyond the in-memory limit), counted and hashed on the way, and listed twice at the end: in the
 * catalog's {@code /AF} array, as PDF/A-3 asks, and in the {@code EmbeddedFiles} name tree that viewers show.
 */
final class Attachments {
    private record Embedded(COSString key, PDComplexFileSpecification specification) {
    }

    private final PDDocument document;
    private final List<Embedded> embedded = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    Attachments(PDDocument document) {
        this.document = document;
    }

    void add(Attachment attachment) throws IOException {
        if (!names.add(attachment.name())) {
            throw new IllegalArgumentException("two attachments are called " + attachment.name());
        }
        MessageDigest md5 = md5();
        CountingInputStream counted;
        PDEmbeddedFile file;
        try (InputStream content = attachment.content().open()) {
            counted = new CountingInputStream(new DigestInputStream(content, md5));
            file = new PDEmbeddedFile(document, counted, compressible(attachment.mediaType()) ? COSName.FLATE_DECODE : null);
        }
        file.setSubtype(attachment.mediaType());
        file.setCreationDate(DocumentMetadata.calendar(attachment.created()));
        file.setModDate(DocumentMetadata.calendar(attachment.modified()));
        COSDictionary parameters = file.getCOSObject().getCOSDictionary(COSName.PARAMS);
        parameters.setLong(COSName.SIZE, counted.count());
        parameters.setItem(COSName.CHECK_SUM, new COSString(md5.digest()));

        PDComplexFileSpecification specification = new PDComplexFileSpecification();
        specification.setFile(attachment.name());
        specification.setFileUnicode(attachment.name());
        specification.setFileDescription(attachment.description());
        specification.setEmbeddedFile(file);
        specification.setEmbeddedFileUnicode(file);
        specification.getCOSObject().setName(COSName.AF_RELATIONSHIP, attachment.relationship().pdfName());
        embedded.add(new Embedded(new COSString(attachment.name()), specification));
    }

    boolean isEmpty() {
        return embedded.isEmpty();
    }

    void writeTo(PDDocumentCatalog catalog) {
        if (embedded.isEmpty()) {
            return;
        }
        // name trees are sorted by the bytes of their keys, which String order differs from once a name is not ASCII
        List<Embedded> sorted = new ArrayList<>(embedded);
        sorted.sort(Comparator.comparing(entry -> entry.key().getBytes(), Arrays::compareUnsigned));
        COSArray namesArray = new COSArray();
        COSArray associatedFiles = new COSArray();
        for (Embedded entry : sorted) {
            namesArray.add(entry.key());
            namesArray.add(entry.specification());
            associatedFiles.add(entry.specification());
        }
        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.getCOSObject().setItem(COSName.NAMES, namesArray);
        PDDocumentNameDictionary nameDictionary = new PDDocumentNameDictionary(catalog);
        nameDictionary.setEmbeddedFiles(tree);
        catalog.setNames(nameDictionary);
        catalog.getCOSObject().setItem(COSName.AF, associatedFiles);
        if (catalog.getDocumentOutline() == null) {
            catalog.setPageMode(PageMode.USE_ATTACHMENTS);
        }
    }

    /** Text compresses well; PDF, images and office files are compressed already and only cost CPU to deflate. */
    private static boolean compressible(String mediaType) {
        return mediaType.startsWith("text/") || mediaType.equals("application/json")
                || mediaType.equals("application/xml") || mediaType.endsWith("+json") || mediaType.endsWith("+xml");
    }

    private static MessageDigest md5() {
        try {
            // the checksum PDF defines for embedded files; integrity against tampering is the pack's own digests' job
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int read = super.read();
            if (read >= 0) {
                count++;
            }
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }

        long count() {
            return count;
        }
    }
}
