package wales.gov.grants.packs;

import java.util.Locale;
import java.util.Optional;

/** The languages a pack is written in. */
public enum PackLanguage {
    EN(Locale.forLanguageTag("en-GB")),
    CY(Locale.forLanguageTag("cy"));

    private final Locale locale;

    PackLanguage(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** {@code en} or {@code cy} as a client writes it; absent means English. */
    public static Optional<PackLanguage> parse(String code) {
        if (code == null || code.isEmpty()) {
            return Optional.of(EN);
        }
        return switch (code) {
            case "en" -> Optional.of(EN);
            case "cy" -> Optional.of(CY);
            default -> Optional.empty();
        };
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
