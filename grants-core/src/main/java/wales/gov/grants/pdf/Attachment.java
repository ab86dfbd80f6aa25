package wales.gov.grants.pdf;

import java.time.Instant;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A file embedded in the document. Its dates come from the data (when the file was uploaded, say), never from the
 * clock, so that the document stays reproducible; its size and MD5 checksum are taken from the bytes as they are
 * copied in.
 */
public record Attachment(
        String name,
        String mediaType,
        String description,
        AttachmentRelationship relationship,
        Instant created,
        Instant modified,
        ContentSource content) {
    private static final Pattern MEDIA_TYPE = Pattern.compile("^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$");

    public Attachment {
        requireNonNull(name, "name is null");
        requireNonNull(mediaType, "mediaType is null");
        requireNonNull(description, "description is null");
        requireNonNull(relationship, "relationship is null");
        requireNonNull(created, "created is null");
        requireNonNull(modified, "modified is null");
        requireNonNull(content, "content is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an attachment needs a name");
        }
        if (!MEDIA_TYPE.matcher(mediaType).matches()) {
            throw new IllegalArgumentException("not a media type without parameters: " + mediaType);
        }
    }
}
