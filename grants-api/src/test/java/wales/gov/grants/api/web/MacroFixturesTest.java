package wales.gov.grants.api.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ported macros render what GOV.UK Frontend's own Nunjucks templates render: each call below is a fixture the
 * package ships ({@code components/<name>/template-<fixture>.html}, from its {@code fixtures.json}), compared with
 * insignificant whitespace removed. Markup the templates take as {@code html} is passed as markup (a captured
 * {@code <#assign>}), as the pages pass it; where the templates' default text is markup (pagination's
 * "Previous<span class="govuk-visually-hidden"> page</span>") it is passed as such, as our macros have no defaults in
 * English. Pagination's fixtures are of {@code paginationNav}, the template's port: {@code pagination} computes its
 * items with "?...&page=N" links, which no fixture has.
 */
class MacroFixturesTest {
    private static final String COMPONENTS = "/META-INF/resources/webjars/govuk-frontend/5.14.0/dist/govuk/components/";
    private static final Configuration FREEMARKER = configuration();

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(delimiter = '|', textBlock = """
            tag               | default                | <@content.tag text="Alpha"/>
            tag               | grey                   | <@content.tag text="Grey" colour="grey"/>
            back-link         | default                | <@layout.backLink href="#" text="Back"/>
            button            | default                | <@forms.button text="Save and continue"/>
            error-message     | default                | <@forms.errorMessage text="Error message about full name goes here"/>
            panel             | default                | <@content.panel title="Application complete">Your reference number: HDJ2123F</@content.panel>
            notification-banner | default              | <@content.notificationBanner title="Important" heading="This publication was withdrawn on 7 March 2014."/>
            input             | default                | <@forms.input id="test-name" name="test-name" label="National Insurance number"/>
            input             | with-error-message     | <@forms.input id="input-with-error-message" name="test-name-3" label="National Insurance number" error="Enter a National Insurance number in the correct format"/>
            error-summary     | default                | <@forms.errorSummary title="There is a problem" errors=[{"href": "#example-error-1", "text": "The date your passport was issued must be in the past"}, {"href": "#example-error-2", "text": "Enter a postcode, like AA1 1AA"}]/>
            date-input        | default                | <@forms.dateInput id="dob" legend="What is your date of birth?" hint="For example, 31 3 1980"/>
            date-input        | with-items             | <@forms.dateInput id="dob" namePrefix="dob" legend="What is your date of birth?" hint="For example, 31 3 1980"/>
            date-input        | with-errors-only       | <@forms.dateInput id="dob-errors" legend="What is your date of birth?" error="Error message goes here"/>
            file-upload       | default                | <@forms.fileUpload id="file-upload-1" name="file-upload-1" label="Upload a file"/>
            file-upload       | with-error-message-and-hint | <@forms.fileUpload id="file-upload-3" name="file-upload-3" label="Upload a file" hint="Your photo may be in your Pictures, Photos, Downloads or Desktop folder. Or in an app like iPhoto." error="Error message goes here"/>
            radios            | default                | <@forms.radios idPrefix="example-default" name="example-default" legend="Have you changed your name?" items=[{"value": "yes", "text": "Yes"}, {"value": "no", "text": "No"}]/>
            radios            | inline                 | <@forms.radios idPrefix="example" name="example" legend="Have you changed your name?" hint="This includes changing your last name or spelling your name differently." inline=true checked="no" items=[{"value": "yes", "text": "Yes"}, {"value": "no", "text": "No"}]/>
            radios            | with-hint              | <@forms.radios idPrefix="example-with-hint" name="example-with-hint" legend="Have you changed your name?" hint="This includes changing your last name or spelling your name differently." items=[{"value": "yes", "text": "Yes"}, {"value": "no", "text": "No"}]/>
            radios            | with-fieldset-and-error-message | <@forms.radios idPrefix="example" name="example" legend="Have you changed your name?" error="Please select an option" checked="no" items=[{"value": "yes", "text": "Yes"}, {"value": "no", "text": "No"}]/>
            select            | default                | <@forms.selectField id="select-1" name="select-1" label="Label text goes here" selected="2" items=[{"value": "1", "text": "GOV.UK frontend option 1"}, {"value": "2", "text": "GOV.UK frontend option 2"}, {"value": "3", "text": "GOV.UK frontend option 3", "disabled": true}]/>
            select            | with-hint-text-and-error-message | <@forms.selectField id="select-2" name="select-2" label="Label text goes here" hint="Hint text goes here" error="Error message goes here" items=[{"value": "1", "text": "GOV.UK frontend option 1"}, {"value": "2", "text": "GOV.UK frontend option 2"}, {"value": "3", "text": "GOV.UK frontend option 3"}]/>
            date-input        | with-errors-and-hint   | <@forms.dateInput id="dob-errors" legend="What is your date of birth?" hint="For example, 31 3 1980" error="Error message goes here"/>
            summary-list      | default                | <#assign contact><p class="govuk-body">email@email.com</p><p class="govuk-body">Address line 1<br>Address line 2<br>Address line 3<br>Address line 4<br>Address line 5</p></#assign><@content.summaryList rows=[{"key": "Name", "value": "Firstname Lastname"}, {"key": "Date of birth", "value": "13/08/1980"}, {"key": "Contact information", "value": contact}]/>
            table             | default                | <@content.table><#list [["January", "£85", "£95"], ["February", "£75", "£55"], ["March", "£165", "£125"]] as row><@content.tableRow><@content.tableCell>${row[0]}</@content.tableCell><@content.tableCell numeric=true>${row[1]}</@content.tableCell><@content.tableCell numeric=true>${row[2]}</@content.tableCell></@content.tableRow></#list></@content.table>
            table             | with-head              | <@content.table head=[{"text": "Month you apply"}, {"text": "Rate for bicycles", "numeric": true}, {"text": "Rate for vehicles", "numeric": true}]><#list [["January", "£85", "£95"], ["February", "£75", "£55"], ["March", "£165", "£125"]] as row><@content.tableRow><@content.tableCell>${row[0]}</@content.tableCell><@content.tableCell numeric=true>${row[1]}</@content.tableCell><@content.tableCell numeric=true>${row[2]}</@content.tableCell></@content.tableRow></#list></@content.table>
            table             | with-head-and-caption  | <@content.table caption="Caption 1: Months and rates" head=[{"text": "Month you apply"}, {"text": "Rate for bicycles", "numeric": true}, {"text": "Rate for vehicles", "numeric": true}]><#list [["January", "£85", "£95"], ["February", "£75", "£55"], ["March", "£165", "£125"]] as row><@content.tableRow><@content.tableCell header=true>${row[0]}</@content.tableCell><@content.tableCell numeric=true>${row[1]}</@content.tableCell><@content.tableCell numeric=true>${row[2]}</@content.tableCell></@content.tableRow></#list></@content.table>
            pagination        | default                | <#assign previous>Previous<span class="govuk-visually-hidden"> page</span></#assign><#assign next>Next<span class="govuk-visually-hidden"> page</span></#assign><@content.paginationNav ariaLabel="Pagination" pageText="Page" previous={"href": "/previous", "text": previous} next={"href": "/next", "text": next} items=[{"number": "1", "href": "/page/1"}, {"number": "2", "href": "/page/2", "current": true}, {"number": "3", "href": "/page/3"}]/>
            pagination        | first-page             | <#assign next>Next<span class="govuk-visually-hidden"> page</span></#assign><@content.paginationNav ariaLabel="Pagination" pageText="Page" previous={} next={"href": "/next", "text": next} items=[{"number": "1", "href": "/page/1", "current": true}, {"number": "2", "href": "/page/2"}, {"number": "3", "href": "/page/3"}]/>
            pagination        | last-page              | <#assign previous>Previous<span class="govuk-visually-hidden"> page</span></#assign><@content.paginationNav ariaLabel="Pagination" pageText="Page" previous={"href": "/previous", "text": previous} next={} items=[{"number": "1", "href": "/page/1"}, {"number": "2", "href": "/page/2"}, {"number": "3", "href": "/page/3", "current": true}]/>
            pagination        | with-many-pages        | <#assign previous>Previous<span class="govuk-visually-hidden"> page</span></#assign><#assign next>Next<span class="govuk-visually-hidden"> page</span></#assign><@content.paginationNav ariaLabel="Pagination" pageText="Page" previous={"href": "/previous", "text": previous} next={"href": "/next", "text": next} items=[{"number": "1", "href": "/page/1"}, {"ellipsis": true}, {"number": "8", "href": "/page/8"}, {"number": "9", "href": "/page/9"}, {"number": "10", "href": "/page/10", "current": true}, {"number": "11", "href": "/page/11"}, {"number": "12", "href": "/page/12"}, {"ellipsis": true}, {"number": "40", "href": "/page/40"}]/>
            pagination        | with-custom-link-and-item-text | <@content.paginationNav ariaLabel="Pagination" pageText="Page" previous={"href": "/previous", "text": "Previous page"} next={"href": "/next", "text": "Next page"} items=[{"number": "one", "href": "/page/1"}, {"number": "two", "href": "/page/2", "current": true}, {"number": "three", "href": "/page/3"}]/>
            """)
    void macroRendersTheFixture(String component, String fixture, String call) {
        String expected = resource(COMPONENTS + component + "/template-" + fixture + ".html");

        String rendered = render(call);

        assertThat(normalise(rendered)).isEqualTo(normalise(expected));
    }

    /** pagination computes paginationNav's items: the first, last, current and its neighbours, ellipses between. */
    @org.junit.jupiter.api.Test
    void paginationComputesTheItemsOfPaginationNav() {
        String rendered = render("<@content.pagination current=10 count=40 href=\"/claims?status=OPEN\" previousText=\"Previous\""
                + " nextText=\"Next\" pageText=\"Page\" ariaLabel=\"Pages\"/>");

        String expected = render("<@content.paginationNav ariaLabel=\"Pages\" pageText=\"Page\""
                + " previous={\"href\": \"/claims?status=OPEN&page=9\", \"text\": \"Previous\"}"
                + " next={\"href\": \"/claims?status=OPEN&page=11\", \"text\": \"Next\"}"
                + " items=[{\"number\": \"1\", \"href\": \"/claims?status=OPEN&page=1\"}, {\"ellipsis\": true},"
                + " {\"number\": \"9\", \"href\": \"/claims?status=OPEN&page=9\"},"
                + " {\"number\": \"10\", \"href\": \"/claims?status=OPEN&page=10\", \"current\": true},"
                + " {\"number\": \"11\", \"href\": \"/claims?status=OPEN&page=11\"}, {\"ellipsis\": true},"
                + " {\"number\": \"40\", \"href\": \"/claims?status=OPEN&page=40\"}]/>");

        assertThat(normalise(rendered)).isEqualTo(normalise(expected)).contains("govuk-pagination__item--ellipsis");
        assertThat(render("<@content.pagination current=1 count=1 href=\"/claims?\" previousText=\"Previous\""
                + " nextText=\"Next\" pageText=\"Page\" ariaLabel=\"Pages\"/>")).isBlank();
    }

    /** The items are the pages' own records: the fixture's "active" item is active but not current. */
    @org.junit.jupiter.api.Test
    void serviceNavigationRendersTheFixture() {
        String expected = resource(COMPONENTS + "service-navigation/template-with-service-name-and-navigation.html");
        var items = java.util.List.of(new Page.NavigationItem("#/1", "Navigation item 1", false, false),
                new Page.NavigationItem("#/2", "Navigation item 2", true, false),
                new Page.NavigationItem("#/3", "Navigation item 3", false, false),
                new Page.NavigationItem("#/4", "Navigation item 4", false, false));

        String rendered = render("<@layout.serviceNavigation serviceName=\"Apply for a juggling license\" serviceHref=\"#/\""
                + " items=items ariaLabel=\"Menu\" menuText=\"Menu\" regionLabel=\"Service information\"/>",
                Map.of("items", items));

        assertThat(normalise(rendered)).isEqualTo(normalise(expected));
    }

    /** The current item (the page itself) is aria-current="page", as the template's item.current. */
    @org.junit.jupiter.api.Test
    void serviceNavigationMarksTheCurrentPage() {
        String expected = resource(COMPONENTS + "service-navigation/template-with-service-name-and-navigation.html");
        var items = java.util.List.of(new Page.NavigationItem("#/1", "Navigation item 1", false, false),
                new Page.NavigationItem("#/2", "Navigation item 2", true, true),
                new Page.NavigationItem("#/3", "Navigation item 3", false, false),
                new Page.NavigationItem("#/4", "Navigation item 4", false, false));

        String rendered = render("<@layout.serviceNavigation serviceName=\"Apply for a juggling license\" serviceHref=\"#/\""
                + " items=items ariaLabel=\"Menu\" menuText=\"Menu\" regionLabel=\"Service information\"/>",
                Map.of("items", items));

        // The fixture "with navigation with a current item" has no service name (a div, not a section), which our
        // macro always has; this is the same fixture as above with the current item's one difference.
        assertThat(normalise(rendered)).isEqualTo(normalise(expected).replace("href=\"#/2\" aria-current=\"true\"",
                "href=\"#/2\" aria-current=\"page\""));
    }

    /**
     * The header is the fixture "with product name" with only the GOV.UK logotype removed: its one {@code <svg>}
     * (class govuk-header__logotype, the crown and "GOV.UK"). The organisation is the product name.
     */
    @org.junit.jupiter.api.Test
    void headerIsTheFixtureWithoutTheLogotype() {
        String fixture = normalise(resource(COMPONENTS + "header/template-with-product-name.html"));
        String withoutLogotype = fixture.replaceFirst("<svg[^>]*class=\"govuk-header__logotype\"[^>]*>.*?</svg>", "");
        assertThat(withoutLogotype).isNotEqualTo(fixture).doesNotContain("<svg");

        String rendered = render("<@layout.header organisation=\"Product Name\"/>");

        assertThat(normalise(rendered)).isEqualTo(withoutLogotype);
    }

    /**
     * The footer is the fixtures "with no content licence" and "with only meta links" with only the crown copyright
     * removed: its meta item, whose link (class govuk-footer__copyright-logo) the stylesheet draws the crown on.
     */
    @ParameterizedTest(name = "footer/{0}")
    @CsvSource(delimiter = '|', textBlock = """
            with-no-content-licence | <@layout.footer/>
            with-only-meta-links    | <@layout.footer metaLinks=[{"href": "#1", "text": "Bibendum Ornare"}, {"href": "#2", "text": "Nullam"}, {"href": "#3", "text": "Tortor Fringilla"}, {"href": "#4", "text": "Tellus"}, {"href": "#5", "text": "Egestas Nullam"}, {"href": "#6", "text": "Euismod Etiam"}, {"href": "#7", "text": "Fusce Sollicitudin"}, {"href": "#8", "text": "Ligula Nullam Ultricies"}]/>
            """)
    void footerIsTheFixtureWithoutTheCrownCopyright(String fixture, String call) {
        String expected = normalise(resource(COMPONENTS + "footer/template-" + fixture + ".html"));
        String withoutCopyright = expected.replaceFirst(
                "<div class=\"govuk-footer__meta-item\"><a class=\"govuk-footer__link govuk-footer__copyright-logo\"[^>]*>© Crown copyright</a></div>", "");
        assertThat(withoutCopyright).isNotEqualTo(expected).doesNotContain("copyright");

        assertThat(normalise(render(call))).isEqualTo(withoutCopyright);
    }

    private static String render(String call) {
        return render(call, Map.of());
    }

    private static String render(String call, Map<String, Object> model) {
        String source = "<#import \"/web/macros/layout.ftlh\" as layout>"
                + "<#import \"/web/macros/forms.ftlh\" as forms>"
                + "<#import \"/web/macros/content.ftlh\" as content>" + call;
        try {
            Template template = new Template("fixture.ftlh", source, FREEMARKER);
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TemplateException e) {
            throw new AssertionError(e);
        }
    }

    /** Whitespace between tags and at the ends of text is not significant; runs of it are one space. */
    static String normalise(String html) {
        return html.replaceAll("\\s+", " ").replaceAll(">\\s+", ">").replaceAll("\\s+<", "<")
                .replaceAll("\\s+>", ">").strip();
    }

    private static String resource(String path) {
        try (InputStream in = MacroFixturesTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Configuration configuration() {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setClassForTemplateLoading(MacroFixturesTest.class, "/");
        configuration.setDefaultEncoding("UTF-8");
        configuration.setOutputFormat(freemarker.core.HTMLOutputFormat.INSTANCE);
        return configuration;
    }
}
