package wales.gov.grants.api.web;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

import wales.gov.grants.kernel.Money;
import wales.gov.grants.packs.PackLanguage;
import wales.gov.grants.packs.PackText;

/**
 * The pages' words in English ({@code web/messages.properties}) and Welsh ({@code web/messages_cy.properties}),
 * read as UTF-8. A key with arguments is a {@link MessageFormat} pattern. Words the pages share with the audit
 * packs (the audit actions, the months, how dates and money are written) have one home, the packs' bundle in grants-core, and are read from there,
 * so a page and a pack never name the same thing differently.
 */
public final class Messages {
    public static final String BUNDLE = "web.messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Map<String, ResourceBundle> bundles = Map.of(
            "en", ResourceBundle.getBundle(BUNDLE, Locale.ROOT, NO_FALLBACK),
            "cy", ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag("cy"), NO_FALLBACK));
    private final Map<String, PackText> shared = Map.of("en", new PackText(PackLanguage.EN),
            "cy", new PackText(PackLanguage.CY));

    public String get(String language, String key, Object... arguments) {
        ResourceBundle bundle = bundles.getOrDefault(language, bundles.get("en"));
        if (!bundle.containsKey(key)) {
            PackText packs = shared.getOrDefault(language, shared.get("en"));
            if (packs.has(key)) {
                return packs.get(key, arguments);
            }
        }
        String pattern = bundle.getString(key);
        return arguments.length == 0 ? pattern
                : new MessageFormat(pattern, Locale.forLanguageTag(language)).format(arguments);
    }

    public boolean has(String key) {
        return bundles.get("en").containsKey(key) || shared.get("en").has(key);
    }

    /** {@code £1,250.00}: as the packs write money, from the pence. */
    public String money(String language, Money money) {
        return shared.getOrDefault(language, shared.get("en")).money(money);
    }

    /** {@code 30 September 2019}, {@code 30 Medi 2019}: as the packs write dates. */
    public String date(String language, LocalDate date) {
        return shared.getOrDefault(language, shared.get("en")).date(date);
    }

    public Set<String> keys(String language) {
        return Collections.unmodifiableSet(bundles.get(language).keySet());
    }
}
