package wales.gov.grants.samples;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import wales.gov.grants.kernel.NotFoundException;

import static java.util.Objects.requireNonNull;

public record SampleId(UUID value) {
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    public SampleId {
        requireNonNull(value, "value is null");
    }

    public static Optional<SampleId> parse(String text) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new SampleId(UUID.fromString(text)));
    }

    /** An id named in a request path: one that is not well-formed names nothing, so it is "not found". */
    public static SampleId fromPath(String text) {
        return parse(text).orElseThrow(() -> new NotFoundException("sample", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
