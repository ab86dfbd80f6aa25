package wales.gov.grants.pdf;

import java.time.Instant;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * What a document says about itself.
 *
 * @param title the document's title (Info, XMP {@code dc:title}, and the window title of viewers)
 * @param language the language of its text, written to the catalog ({@code en-GB}, {@code cy})
 * @param asOf the instant the data was taken at: used for every date in the file instead of the clock
 * @param documentIdSeed any text that identifies the content, usually the hex SHA-256 of the data the document is
 *     made from; the trailer {@code /ID} is derived from it so that the same data gives the same bytes
 * @param footerText printed at the left of every page's footer
 * @param pageLabel the right of the footer, with {@code {0}} for the page number and {@code {1}} for the page
 *     count, as in {@code "Page {0} of {1}"} or {@code "Tudalen {0} o {1}"}; nothing but text may follow {1}
 */
public record DocumentSettings(
        String title,
        Locale language,
        Instant asOf,
        String documentIdSeed,
        String footerText,
        String pageLabel) {
    public DocumentSettings {
        requireNonNull(title, "title is null");
        requireNonNull(language, "language is null");
        requireNonNull(asOf, "asOf is null");
        requireNonNull(documentIdSeed, "documentIdSeed is null");
        requireNonNull(footerText, "footerText is null");
        requireNonNull(pageLabel, "pageLabel is null");
        if (language.toLanguageTag().equals("und")) {
            throw new IllegalArgumentException("the document language is undetermined");
        }
        if (documentIdSeed.isEmpty()) {
            throw new IllegalArgumentException("documentIdSeed is empty");
        }
        int total = pageLabel.indexOf("{1}");
        if (total < 0) {
            throw new IllegalArgumentException("pageLabel has no {1} for the page count: " + pageLabel);
        }
        if (pageLabel.indexOf("{0}", total) >= 0) {
            throw new IllegalArgumentException("the page number {0} must come before the page count {1}: " + pageLabel);
        }
    }
}
