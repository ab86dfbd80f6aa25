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
 * insignificant whitespace removed.
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
            """)
    void macroRendersTheFixture(String component, String fixture, String call) {
        String expected = resource(COMPONENTS + component + "/template-" + fixture + ".html");

        String rendered = render(call);

        assertThat(normalise(rendered)).isEqualTo(normalise(expected));
    }

    private static String render(String call) {
        String source = "<#import \"/web/macros/layout.ftlh\" as layout>"
                + "<#import \"/web/macros/forms.ftlh\" as forms>"
                + "<#import \"/web/macros/content.ftlh\" as content>" + call;
        try {
            Template template = new Template("fixture.ftlh", source, FREEMARKER);
            StringWriter out = new StringWriter();
            template.process(Map.of(), out);
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
