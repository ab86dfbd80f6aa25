package wales.gov.grants.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import wales.gov.grants.kernel.UnsupportedContentException;

/**
 * Refuses PDFs that do more than show pages, because auditors open them: JavaScript anywhere (actions, {@code /JS},
 * the document's JavaScript name tree), actions that launch programs or import data, any action run
 * automatically on opening ({@code /OpenAction}, {@code /AA}) other than going to a page, and embedded files (a
 * PDF is a container: an attached executable or macro document would bypass every other check, and the audit pack
 * attaches evidence itself). It also refuses polyglots: a PDF with anything but whitespace after its last
 * {@code %%EOF}, or with a zip archive's end record at the end of the file (which a zip reader would open).
 * <p>
 * Every object of the file is visited, not only the catalogue, since an action can hang off any page, annotation
 * or form field. The file is read from disk through PDFBox (never whole into memory, stream data cached in
 * temporary files), and the walk is bounded in objects, depth and time; a PDF too complex to check is refused.
 */
final class PdfInspector {
    static final int MAX_OBJECTS = 500_000;
    static final int MAX_DEPTH = 64;
    static final long MAX_NODES = 20_000_000;
    static final Duration MAX_TIME = Duration.ofSeconds(30);
    /** A zip's end record (22 bytes and a comment of at most 65535) sits in this tail; so does a PDF's %%EOF. */
    private static final int TAIL_BYTES = 22 + 65_535 + 1024;
    private static final byte[] EOF_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> ACTIVE_ACTIONS = Set.of("JavaScript", "Launch", "ImportData",
            "RichMediaExecute", "Rendition");
    /** What an automatic action (on opening a document or a page) may do: move to a place in this document. */
    private static final Set<String> HARMLESS_AUTOMATIC_ACTIONS = Set.of("GoTo", "Named");

    private PdfInspector() {
    }

    static void check(Path file) {
        checkEnd(file);
        checkObjects(file);
    }

    /** Nothing but whitespace after the last %%EOF, and no zip archive ending the file. */
    static void checkEnd(Path file) {
        byte[] tail;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int length = (int) Math.min(size, TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            long position = size - length;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position + buffer.position());
                if (read < 0) {
                    break;
                }
            }
            tail = buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (endsWithZip(tail)) {
            throw polyglot("a zip archive is appended to it");
        }
        int eof = lastIndexOf(tail, EOF_MARKER);
        if (eof < 0) {
            throw new UnsupportedContentException("the PDF does not end with %%EOF: it is cut short, or something "
                    + "else is appended to it; save or export it again as PDF");
        }
        for (int index = eof + EOF_MARKER.length; index < tail.length; index++) {
            byte value = tail[index];
            if (value != ' ' && value != '\r' && value != '\n' && value != '\t' && value != '\f' && value != 0) {
                throw polyglot("it has data after its end (%%EOF)");
            }
        }
    }

    /** A zip end-of-central-directory record whose comment ends exactly at the end of the file. */
    private static boolean endsWithZip(byte[] tail) {
        for (int index = tail.length - 22; index >= 0; index--) {
            if (tail[index] == 'P' && tail[index + 1] == 'K' && tail[index + 2] == 5 && tail[index + 3] == 6) {
                int commentLength = (tail[index + 20] & 0xff) | (tail[index + 21] & 0xff) << 8;
                if (index + 22 + commentLength == tail.length) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int lastIndexOf(byte[] bytes, byte[] wanted) {
        for (int index = bytes.length - wanted.length; index >= 0; index--) {
            int matched = 0;
            while (matched < wanted.length && bytes[index + matched] == wanted[matched]) {
                matched++;
            }
            if (matched == wanted.length) {
                return index;
            }
        }
        return -1;
    }

    private static void checkObjects(Path file) {
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()), "",
                IOUtils.createTempFileOnlyStreamCache())) {
            COSDocument cos = document.getDocument();
            Walk walk = new Walk(System.nanoTime() + MAX_TIME.toNanos());
            walk.visit(cos.getTrailer(), 0);
            List<COSObjectKey> keys = new ArrayList<>(cos.getXrefTable().keySet());
            if (keys.size() > MAX_OBJECTS) {
                throw tooComplex();
            }
            for (COSObjectKey key : keys) {
                COSObject object = cos.getObjectFromPool(key);
                walk.visit(object == null ? null : object.getObject(), 0);
            }
        } catch (InvalidPasswordException e) {
            throw new UnsupportedContentException("password-protected PDFs are not accepted: auditors must be able "
                    + "to open the evidence; save it again without a password");
        } catch (IOException e) {
            throw new UnsupportedContentException("the file starts like a PDF but cannot be read as one; save or "
                    + "export it again as PDF");
        }
    }

    /** One walk over the objects' direct contents; references are visited as objects of their own. */
    private static final class Walk {
        private final long deadline;
        private long nodes;

        Walk(long deadline) {
            this.deadline = deadline;
        }

        void visit(COSBase base, int depth) {
            if (base == null || base instanceof COSObject) {
                return;
            }
            if (++nodes > MAX_NODES || depth > MAX_DEPTH || (nodes % 4096 == 0 && System.nanoTime() > deadline)) {
                throw tooComplex();
            }
            if (base instanceof COSDictionary dictionary) {
                inspect(dictionary);
                for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
                    visit(entry.getValue(), depth + 1);
                }
            } else if (base instanceof COSArray array) {
                for (int index = 0; index < array.size(); index++) {
                    visit(array.get(index), depth + 1);
                }
            }
        }

        private static void inspect(COSDictionary dictionary) {
            if (dictionary.containsKey(COSName.JS) || dictionary.containsKey(COSName.JAVA_SCRIPT)) {
                throw refused("it contains JavaScript");
            }
            String action = dictionary.getNameAsString(COSName.S);
            if (action != null && ACTIVE_ACTIONS.contains(action)) {
                throw refused(action.equals("JavaScript") ? "it contains JavaScript"
                        : "it has an action that can run a program or change what is shown (" + action + ")");
            }
            if (dictionary.containsKey(COSName.EMBEDDED_FILES) || dictionary.containsKey(COSName.EF)
                    || COSName.EMBEDDED_FILE.equals(dictionary.getCOSName(COSName.TYPE))) {
                throw refused("it has files embedded in it; upload each document on its own");
            }
            automatic(dictionary.getDictionaryObject(COSName.OPEN_ACTION));
            if (dictionary.getDictionaryObject(COSName.AA) instanceof COSDictionary additional) {
                for (COSName trigger : additional.keySet()) {
                    automatic(additional.getDictionaryObject(trigger));
                }
            }
        }

        private static void automatic(COSBase action) {
            if (action instanceof COSDictionary dictionary) {
                String type = dictionary.getNameAsString(COSName.S);
                if (type != null && !HARMLESS_AUTOMATIC_ACTIONS.contains(type)) {
                    throw refused("it runs an action by itself when it is opened (" + type + ")");
                }
            }
        }
    }

    private static UnsupportedContentException refused(String reason) {
        return new UnsupportedContentException("PDFs with active content are not accepted: " + reason + ". "
                + "Print it to PDF or export it as PDF/A and upload that");
    }

    private static UnsupportedContentException polyglot(String reason) {
        return new UnsupportedContentException("the PDF also carries a file of another kind: " + reason + ". "
                + "Save or export it again as PDF and upload that");
    }

    private static UnsupportedContentException tooComplex() {
        return new UnsupportedContentException("the PDF is too complex to check for active content (more than "
                + MAX_OBJECTS + " objects, or nesting deeper than " + MAX_DEPTH + ", or over " + MAX_TIME.toSeconds()
                + " s); print it to PDF and upload that");
    }
}
