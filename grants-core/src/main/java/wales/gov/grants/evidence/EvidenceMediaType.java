package wales.gov.grants.evidence;

import java.util.Arrays;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The kinds of document accepted as evidence, each decided from the file's content, never from its name. */
public enum EvidenceMediaType {
    PDF("application/pdf", "pdf"),
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    CSV("text/csv", "csv"),
    TEXT("text/plain", "txt"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ODT("application/vnd.oasis.opendocument.text", "odt"),
    ODS("application/vnd.oasis.opendocument.spreadsheet", "ods");

    private final String mediaType;
    private final String extension;

    EvidenceMediaType(String mediaType, String extension) {
        this.mediaType = requireNonNull(mediaType, "mediaType is null");
        this.extension = requireNonNull(extension, "extension is null");
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** Text is always stored as UTF-8 (Welsh ŵ and ŷ are in no single-byte Windows code page). */
    public boolean isText() {
        return this == CSV || this == TEXT;
    }

    public static Optional<EvidenceMediaType> fromMediaType(String text) {
        return Arrays.stream(values()).filter(type -> type.mediaType.equals(text)).findFirst();
    }
}
