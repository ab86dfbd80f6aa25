package wales.gov.grants.api.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import wales.gov.grants.evidence.EvidenceService;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.MalformedRequestException;
import wales.gov.grants.kernel.UnsupportedContentException;
import wales.gov.grants.kernel.ValidationException;

import static java.util.Objects.requireNonNull;

/**
 * Reads an evidence upload's {@code multipart/form-data} body as it arrives: the {@code file} part is streamed
 * straight into the service's temporary storage, the small fields beside it ({@code title}, {@code claimId},
 * {@code supersedes}) are read within a bound. Jersey's own multipart support (MIMEPull) would first spool the
 * whole body to a temporary file of its own, outside our storage, before any limit or check could run.
 */
public final class EvidenceForm {
    private static final int MAX_FIELD_CHARACTERS = 200;
    private static final int MAX_FIELD_BYTES = 4 * MAX_FIELD_CHARACTERS + 4;
    private static final Set<String> FIELDS = Set.of("file", "title", "claimId", "supersedes");

    private final EvidenceStorage.StagedFile file;
    private final EvidenceService.NewEvidence fields;

    private EvidenceForm(EvidenceStorage.StagedFile file, EvidenceService.NewEvidence fields) {
        this.file = file;
        this.fields = requireNonNull(fields, "fields is null");
    }

    /** The staged file, or null if the form had none; {@link EvidenceService#upload} discards it. */
    public EvidenceStorage.StagedFile file() {
        return file;
    }

    public EvidenceService.NewEvidence fields() {
        return fields;
    }

    /**
     * Reads the whole form. A refused form leaves nothing staged, and the rest of its body is read and dropped
     * (within the size limit), so that a client still sending is not cut off before it can read the refusal; an
     * oversized body is not read, which is what a 413 is for.
     */
    public static EvidenceForm read(EvidenceService evidence, String contentType, InputStream body) {
        return read(evidence, contentType, body, Set.of(), fields -> { });
    }

    /**
     * Reads a web page's form: the same fields and limits, and also {@code pageFields} (its CSRF token), which
     * {@code beforeFile} sees before a byte of the file is staged (or at the end of a form without one), so that a
     * forged form is refused having stored nothing. The page's fields must come before the file in the form.
     */
    public static EvidenceForm read(EvidenceService evidence, String contentType, InputStream body,
                                    Set<String> pageFields, Consumer<Map<String, String>> beforeFile) {
        MultipartReader reader = new MultipartReader(body, MultipartReader.boundary(contentType));
        try {
            return read(evidence, reader, pageFields, beforeFile);
        } catch (ValidationException | UnsupportedContentException refused) {
            drain(body, evidence.maxUploadBytes() + EvidenceService.FORM_OVERHEAD_BYTES);
            throw refused;
        }
    }

    private static EvidenceForm read(EvidenceService evidence, MultipartReader reader, Set<String> pageFields,
                                     Consumer<Map<String, String>> beforeFile) {
        EvidenceStorage.StagedFile file = null;
        boolean checked = false;
        try {
            String filename = null;
            Map<String, String> fields = new LinkedHashMap<>();
            Optional<MultipartReader.Part> next;
            while ((next = reader.next()).isPresent()) {
                MultipartReader.Part part = next.get();
                if (!FIELDS.contains(part.name()) && !pageFields.contains(part.name())) {
                    throw ValidationException.of(part.name(), "is not a known field; send file, title and "
                            + "optionally claimId and supersedes");
                }
                if (part.name().equals("file")) {
                    if (file != null) {
                        throw ValidationException.of("file", "must be sent once: one upload is one document");
                    }
                    if (!checked) {
                        beforeFile.accept(Map.copyOf(fields));
                        checked = true;
                    }
                    file = evidence.stage(part.body());
                    filename = part.filename();
                } else {
                    if (fields.containsKey(part.name())) {
                        throw ValidationException.of(part.name(), "must be sent once");
                    }
                    fields.put(part.name(), readField(part));
                }
            }
            if (!checked) {
                beforeFile.accept(Map.copyOf(fields));
            }
            return new EvidenceForm(file, new EvidenceService.NewEvidence(filename, fields.get("title"),
                    fields.get("claimId"), fields.get("supersedes")));
        } catch (IOException e) {
            discard(file);
            throw new MalformedRequestException("the upload ended before the request was complete");
        } catch (RuntimeException e) {
            discard(file);
            throw e;
        }
    }

    private static String readField(MultipartReader.Part part) throws IOException {
        byte[] value = part.body().readNBytes(MAX_FIELD_BYTES + 1);
        if (value.length > MAX_FIELD_BYTES) {
            throw ValidationException.of(part.name(), "must be at most " + MAX_FIELD_CHARACTERS + " characters");
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static void drain(InputStream body, long maxBytes) {
        try {
            byte[] sink = new byte[64 * 1024];
            long drained = 0;
            int read;
            while (drained < maxBytes && (read = body.read(sink)) >= 0) {
                drained += read;
            }
        } catch (IOException gone) {
            // the client has gone; there is nobody left to answer
        }
    }

    private static void discard(EvidenceStorage.StagedFile file) {
        if (file != null) {
            file.discard();
        }
    }
}
