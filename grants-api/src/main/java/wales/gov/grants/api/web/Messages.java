package wales.gov.grants.api.web;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The pages' words in English ({@code web/messages.properties}) and Welsh ({@code web/messages_cy.properties}),
 * read as UTF-8. A key with arguments is a {@link MessageFormat} pattern.
 */
public final class Messages {
    public static final String BUNDLE = "web.messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Map<String, ResourceBundle> bundles = Map.of(
            "en", ResourceBundle.getBundle(BUNDLE, Locale.ROOT, NO_FALLBACK),
            "cy", ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag("cy"), NO_FALLBACK));

    public String get(String language, String key, Object... arguments) {
        ResourceBundle bundle = bundles.getOrDefault(language, bundles.get("en"));
        String pattern = bundle.getString(key);
        return arguments.length == 0 ? pattern
                : new MessageFormat(pattern, Locale.forLanguageTag(language)).format(arguments);
    }

    public boolean has(String key) {
        return bundles.get("en").containsKey(key);
    }

    public Set<String> keys(String language) {
        return Collections.unmodifiableSet(bundles.get(language).keySet());
    }
}
