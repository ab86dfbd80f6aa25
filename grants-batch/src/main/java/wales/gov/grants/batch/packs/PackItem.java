package wales.gov.grants.batch.packs;

import java.util.UUID;

import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.packs.PackLanguage;

import static java.util.Objects.requireNonNull;

/**
 * One pack of a run: an award in one language. Its item key is {@code <award id>:<language>}; its db-scheduler
 * instance id {@code <run id>:<award id>:<language>}, the same in every process, so scheduling it twice is a no-op.
 */
record PackItem(long runId, AwardId awardId, PackLanguage language) {
    PackItem {
        requireNonNull(awardId, "awardId is null");
        requireNonNull(language, "language is null");
    }

    static String itemKey(UUID awardId, PackLanguage language) {
        return awardId + ":" + language.code();
    }

    String itemKey() {
        return itemKey(awardId.value(), language);
    }

    String instanceId() {
        return runId + ":" + itemKey();
    }

    static PackItem ofInstanceId(String instanceId) {
        String[] parts = instanceId.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not an audit pack execution: " + instanceId);
        }
        PackLanguage language = PackLanguage.parse(parts[2]).filter(parsed -> parsed.code().equals(parts[2]))
                .orElseThrow(() -> new IllegalArgumentException("not an audit pack execution: " + instanceId));
        return new PackItem(Long.parseLong(parts[0]), new AwardId(UUID.fromString(parts[1])), language);
    }
}
