package wales.gov.grants.evidence;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import wales.gov.grants.kernel.UnsupportedContentException;

/**
 * Decides what a file is from its bytes alone (Apache Tika's magic numbers), never from its name or the client's
 * header. Zip containers are opened and checked entry by entry: Word and Excel (OOXML) and OpenDocument files are
 * told apart by their declared content, macro-enabled documents are refused, and so is anything that inflates far
 * beyond its own size (a zip bomb) — each entry is inflated under a budget, so a bomb costs at most that budget.
 * PDFs are opened and refused if they carry active content or another file ({@link PdfInspector}).
 */
public final class ContentDetector implements EvidenceStorage.ContentSniffer {
    static final int MAX_ZIP_ENTRIES = 10_000;
    static final long MAX_INFLATED_BYTES = 1024L * 1024 * 1024;
    static final long MAX_INFLATION_RATIO = 100;
    /** Small files may compress very well (a sheet of zeros); the ratio only counts past this many bytes. */
    static final long RATIO_ALLOWANCE_BYTES = 10L * 1024 * 1024;
    private static final int CSV_SAMPLE_CHARACTERS = 1024 * 1024;
    private static final int CSV_SAMPLE_RECORDS = 100;
    private static final String WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private static final String EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private static final MimeTypes TIKA = MimeTypes.getDefaultMimeTypes();

    /** Refuses, from the first bytes only, anything that cannot become an accepted type (an executable, say). */
    @Override
    public void sniff(byte[] head, int length) {
        if (length == 0 || isZip(head, length)) {
            return;
        }
        String type = tikaType(new ByteArrayInputStream(head, 0, length));
        if (!(type.equals("application/pdf") || type.equals("image/png") || type.equals("image/jpeg")
                || type.equals("text/plain"))) {
            throw refused(type);
        }
    }

    public EvidenceMediaType detect(Path file) {
        try {
            byte[] head = new byte[4];
            int length;
            try (InputStream in = Files.newInputStream(file)) {
                length = in.readNBytes(head, 0, head.length);
            }
            if (isZip(head, length)) {
                return container(file);
            }
            String type;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                type = tikaType(in);
            }
            return switch (type) {
                case "application/pdf" -> {
                    PdfInspector.check(file);
                    yield EvidenceMediaType.PDF;
                }
                case "image/png" -> EvidenceMediaType.PNG;
                case "image/jpeg" -> EvidenceMediaType.JPEG;
                case "text/plain" -> text(file);
                default -> throw refused(type);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String tikaType(InputStream in) {
        try {
            // no filename in the metadata: the decision rests on the bytes alone
            MediaType type = TIKA.detect(in, new Metadata());
            return type.getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isZip(byte[] head, int length) {
        return length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    private static EvidenceMediaType text(Path file) throws IOException {
        // the whole file must be UTF-8 text: a text-looking start does not vouch for the rest
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        StringBuilder sample = new StringBuilder();
        try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(file), decoder)) {
            char[] buffer = new char[64 * 1024];
            int read;
            while ((read = reader.read(buffer)) >= 0) {
                for (int index = 0; index < read; index++) {
                    char character = buffer[index];
                    if (character < 0x20 && character != '\n' && character != '\r' && character != '\t'
                            && character != '\f') {
                        throw new UnsupportedContentException("the file is not plain text: it contains control "
                                + "characters (a binary file?)");
                    }
                }
                if (sample.length() < CSV_SAMPLE_CHARACTERS) {
                    sample.append(buffer, 0, Math.min(read, CSV_SAMPLE_CHARACTERS - sample.length()));
                }
            }
        } catch (CharacterCodingException e) {
            throw new UnsupportedContentException("text files must be encoded in UTF-8 (Welsh ŵ and ŷ need it)");
        }
        return looksLikeCsv(sample) ? EvidenceMediaType.CSV : EvidenceMediaType.TEXT;
    }

    /** At least two records, all with the same number (two or more) of comma-separated fields, quotes respected. */
    static boolean looksLikeCsv(CharSequence text) {
        int records = 0;
        int expectedFields = -1;
        int fields = 1;
        boolean quoted = false;
        boolean recordHasContent = false;
        int length = text.length();
        if (length > 0 && text.charAt(0) == '\uFEFF') {
            text = text.subSequence(1, length);
            length--;
        }
        for (int index = 0; index < length && records < CSV_SAMPLE_RECORDS; index++) {
            char character = text.charAt(index);
            if (quoted) {
                if (character == '"') {
                    if (index + 1 < length && text.charAt(index + 1) == '"') {
                        index++;
                    } else {
                        quoted = false;
                    }
                }
                continue;
            }
            if (character == '"') {
                quoted = true;
                recordHasContent = true;
            } else if (character == ',') {
                fields++;
                recordHasContent = true;
            } else if (character == '\n') {
                if (recordHasContent) {
                    if (expectedFields < 0) {
                        expectedFields = fields;
                    } else if (fields != expectedFields) {
                        return false;
                    }
                    records++;
                }
                fields = 1;
                recordHasContent = false;
            } else if (character != '\r') {
                recordHasContent = true;
            }
        }
        if (recordHasContent && records < CSV_SAMPLE_RECORDS && !quoted) {
            if (expectedFields >= 0 && fields != expectedFields) {
                return false;
            }
            if (expectedFields < 0) {
                expectedFields = fields;
            }
            records++;
        }
        return records >= 2 && expectedFields >= 2;
    }

    private static EvidenceMediaType container(Path file) throws IOException {
        long fileSize = Files.size(file);
        Set<String> names = new HashSet<>();
        String openDocumentType = null;
        String contentTypes = null;
        long inflated = 0;
        int entries = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            byte[] buffer = new byte[64 * 1024];
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw new UnsupportedContentException("the archive has more than " + MAX_ZIP_ENTRIES + " entries");
                }
                names.add(entry.getName());
                boolean keep = entry.getName().equals("mimetype") || entry.getName().equals("[Content_Types].xml");
                StringBuilder kept = new StringBuilder();
                try (InputStream in = zip.getInputStream(entry)) {
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        inflated += read;
                        if (inflated > MAX_INFLATED_BYTES || (inflated > RATIO_ALLOWANCE_BYTES
                                && inflated > MAX_INFLATION_RATIO * fileSize)) {
                            throw new UnsupportedContentException("the archive expands to far more than its own "
                                    + "size (a zip bomb?) and is refused");
                        }
                        if (keep && kept.length() < 1024 * 1024) {
                            kept.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                        }
                    }
                }
                if (entry.getName().equals("mimetype")) {
                    openDocumentType = kept.toString().strip();
                } else if (entry.getName().equals("[Content_Types].xml")) {
                    contentTypes = kept.toString();
                }
            }
        } catch (ZipException e) {
            throw new UnsupportedContentException("the file looks like a zip archive but cannot be read as one");
        }
        if (openDocumentType != null) {
            if (openDocumentType.equals(EvidenceMediaType.ODT.mediaType())) {
                return EvidenceMediaType.ODT;
            }
            if (openDocumentType.equals(EvidenceMediaType.ODS.mediaType())) {
                return EvidenceMediaType.ODS;
            }
            throw refused(openDocumentType);
        }
        if (contentTypes != null) {
            if (names.stream().anyMatch(name -> name.toLowerCase().endsWith("vbaproject.bin"))
                    || contentTypes.contains("macroEnabled")) {
                throw new UnsupportedContentException("documents with macros are not accepted; save it as .docx or "
                        + ".xlsx without macros");
            }
            if (contentTypes.contains(WORD_MAIN) && names.contains("word/document.xml")) {
                return EvidenceMediaType.DOCX;
            }
            if (contentTypes.contains(EXCEL_MAIN) && names.contains("xl/workbook.xml")) {
                return EvidenceMediaType.XLSX;
            }
        }
        throw refused("application/zip");
    }

    private static UnsupportedContentException refused(String detected) {
        return new UnsupportedContentException("files of this kind (" + detected + ") are not accepted; send PDF, "
                + "PNG, JPEG, CSV, XLSX, DOCX, ODT, ODS or UTF-8 plain text");
    }
}
