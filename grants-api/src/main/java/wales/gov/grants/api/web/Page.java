package wales.gov.grants.api.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dropwizard.views.common.View;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.organisations.Organisation;
import wales.gov.grants.schemes.Scheme;

import static java.util.Objects.requireNonNull;

/**
 * A page: a template under {@code /web/pages/}, the request's {@link PageContext}, its title key and the model the
 * template reads as {@code model}. Templates format through this class (dates, money, names in the page's
 * language), so no template knows a rule.
 */
public final class Page extends View {
    private static final ZoneId WALES = ZoneId.of("Europe/London");

    private final PageContext context;
    private final String titleKey;
    private final Map<String, Object> model;
    private final int status;

    public Page(String template, PageContext context, String titleKey, Map<String, Object> model) {
        this(template, context, titleKey, model, 200);
    }

    public Page(String template, PageContext context, String titleKey, Map<String, Object> model, int status) {
        super("/web/pages/" + template + ".ftlh", StandardCharsets.UTF_8);
        this.context = requireNonNull(context, "context is null");
        this.titleKey = requireNonNull(titleKey, "titleKey is null");
        this.model = Map.copyOf(model);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> getModel() {
        return model;
    }

    public String getLang() {
        return context.language();
    }

    public String getTitle() {
        return t(titleKey);
    }

    public boolean getHasErrors() {
        return model.containsKey("errors") && !((List<?>) model.get("errors")).isEmpty();
    }

    public String getCsrfField() {
        return WebRequests.CSRF_FIELD;
    }

    public String getCsrfToken() {
        return context.csrfToken();
    }

    public boolean getSignedIn() {
        return context.session().isPresent();
    }

    public String getUserName() {
        return context.session().map(session -> session.user().displayName()).orElse("");
    }

    public String getPath() {
        return context.path();
    }

    public String t(String key) {
        return context.messages().get(context.language(), key);
    }

    public String t(String key, Object argument) {
        return context.messages().get(context.language(), key, argument);
    }

    public String t(String key, Object first, Object second) {
        return context.messages().get(context.language(), key, first, second);
    }

    /** The same page in {@code language}: the query kept, its {@code lang} replaced. */
    public String languageLink(String language) {
        List<String> kept = new ArrayList<>();
        if (context.query() != null) {
            for (String pair : context.query().split("&")) {
                if (!pair.isEmpty() && !pair.startsWith("lang=")) {
                    kept.add(pair);
                }
            }
        }
        kept.add("lang=" + language);
        return context.path() + "?" + String.join("&", kept);
    }

    /** The service navigation of the signed-in user's role. */
    public List<NavigationItem> getNavigation() {
        if (context.session().isEmpty()) {
            return List.of();
        }
        Role role = context.user().role();
        List<NavigationItem> items = new ArrayList<>();
        items.add(navigationItem("/", "nav.home"));
        if (role == Role.GRANT_MANAGER || role == Role.AUDITOR) {
            items.add(navigationItem("/schemes", "nav.schemes"));
        }
        if (role == Role.RECIPIENT || role == Role.GRANT_MANAGER || role == Role.AUDITOR) {
            items.add(navigationItem("/awards", "award.nav"));
        }
        if (role == Role.FINANCE_OFFICER || role == Role.GRANT_MANAGER || role == Role.AUDITOR
                || role == Role.RECIPIENT) {
            items.add(navigationItem("/claims", "nav.claims"));
        }
        if (role == Role.FINANCE_OFFICER) {
            items.add(navigationItem("/payments", "payment.nav"));
            items.add(new NavigationItem("/recoveries", t("recovery.nav"), context.path().startsWith("/recoveries")
                    || context.path().matches("/awards/[^/]+/recoveries.*"), context.path().equals("/recoveries")));
        }
        return items;
    }

    private NavigationItem navigationItem(String href, String key) {
        boolean active = href.equals("/") ? context.path().equals("/")
                : context.path().equals(href) || context.path().startsWith(href + "/");
        return new NavigationItem(href, t(key), active, context.path().equals(href));
    }

    /**
     * As the service navigation's items: {@code current} when the page is the item's own (aria-current="page"),
     * {@code active} when the page is within the item's section (aria-current="true").
     */
    public record NavigationItem(String href, String text, boolean active, boolean current) {
    }

    /** e.g. "30 September 2019", "30 Medi 2019". */
    public String date(LocalDate date) {
        if (date == null) {
            return "";
        }
        return context.messages().date(context.language(), date);
    }

    /** The date in Wales, and the time: "30 September 2019, 14:05". */
    public String dateTime(Instant instant) {
        if (instant == null) {
            return "";
        }
        ZonedDateTime local = instant.atZone(WALES);
        return date(local.toLocalDate()) + ", " + String.format(Locale.ROOT, "%02d:%02d", local.getHour(),
                local.getMinute());
    }

    public String day(Instant instant) {
        return instant == null ? "" : date(instant.atZone(WALES).toLocalDate());
    }

    /** Pounds with thousands separators, e.g. "£1,250.00", as the packs write them. */
    public String money(Money money) {
        return context.messages().money(context.language(), money);
    }

    public String name(Organisation organisation) {
        return organisation == null ? "" : context.language().equals("cy") ? organisation.nameCy()
                : organisation.nameEn();
    }

    public String name(Scheme scheme) {
        return scheme == null ? "" : context.language().equals("cy") ? scheme.nameCy() : scheme.nameEn();
    }
}
