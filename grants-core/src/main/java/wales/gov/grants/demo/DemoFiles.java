package wales.gov.grants.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import wales.gov.grants.kernel.Money;
import wales.gov.grants.pdf.Cell;
import wales.gov.grants.pdf.Column;
import wales.gov.grants.pdf.ColumnWidth;
import wales.gov.grants.pdf.DocumentSettings;
import wales.gov.grants.pdf.DocumentWriter;
import wales.gov.grants.pdf.KeyValue;
import wales.gov.grants.pdf.Table;
import wales.gov.grants.pdf.TextStyle;

import static java.util.Objects.requireNonNull;

/**
 * The evidence files of the demo stories, made in memory at start-up: one-page PDF returns (written with the
 * packs' own PDF engine) and CSV returns. They carry counts and spending categories, never a person's identity.
 * The same arguments give the same bytes, so a file stored once is found again by its SHA-256.
 */
final class DemoFiles {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private DemoFiles() {
    }

    /**
     * One line of spending, as a claim and its return show it: the category, what it paid for, how many children,
     * families or care leavers it reached (0 where it reached them all, such as a salary) and the amount.
     */
    record SpendLine(String category, String description, int people, String amount) {
        SpendLine {
            requireNonNull(category, "category is null");
            requireNonNull(description, "description is null");
            requireNonNull(amount, "amount is null");
        }
    }

    /**
     * A one-page spending return as a recipient sends it with a claim.
     *
     * @param organisation who makes the return
     * @param reference the recipient's own reference of the return
     * @param peopleHeading what {@link SpendLine#people()} counts, e.g. "Pupils"
     * @param note the signing-off paragraph at the foot
     */
    static byte[] returnPdf(String title, String organisation, String scheme, String period, LocalDate signedOn,
                            String reference, String peopleHeading, List<SpendLine> lines, String note) {
        DocumentSettings settings = new DocumentSettings(title, Locale.UK,
                signedOn.atTime(9, 0).toInstant(ZoneOffset.UTC), reference + "\n" + title,
                organisation + " – " + reference, "Page {0} of {1}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DocumentWriter pdf = DocumentWriter.open(settings)) {
            pdf.heading(title);
            pdf.keyValues(
                    KeyValue.of("From", organisation),
                    KeyValue.of("To", "Welsh Government, grants finance team"),
                    KeyValue.of("Scheme", scheme),
                    KeyValue.of("Period", period),
                    KeyValue.of("Reference", reference),
                    KeyValue.of("Date", DAY.format(signedOn)));
            Table table = pdf.table(Column.left("Category", ColumnWidth.relative(2)),
                    Column.left("Description", ColumnWidth.relative(5)),
                    Column.right(peopleHeading, ColumnWidth.points(60)),
                    Column.right("Amount", ColumnWidth.points(80)));
            Money total = Money.ZERO;
            for (SpendLine line : lines) {
                Money amount = Money.parsePositive(line.amount());
                table.row(Cell.of(line.category()), Cell.of(line.description()),
                        Cell.of(line.people() == 0 ? "–" : String.valueOf(line.people())), Cell.of(pounds(amount)));
                total = total.plus(amount);
            }
            // no total of the counts: one child may be reached by several lines
            table.row(Cell.bold("Total"), Cell.of(""), Cell.of(""), Cell.bold(pounds(total)));
            pdf.paragraph(note);
            pdf.paragraph("Counts and spending categories only: this return names no child, young person or family.",
                    TextStyle.BOLD);
            pdf.finish(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo return " + reference, e);
        }
        return bytes.toByteArray();
    }

    /** A CSV return: a header row, then one row per entry, UTF-8, fields quoted where they need it. */
    static byte[] csv(List<String> header, List<List<String>> rows) {
        StringBuilder text = new StringBuilder();
        text.append(row(header));
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("a row of " + row.size() + " fields under " + header.size()
                        + " headings: " + row);
            }
            text.append(row(row));
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String row(List<String> fields) {
        return fields.stream().map(DemoFiles::field).collect(Collectors.joining(",")) + "\n";
    }

    private static String field(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    static String pounds(Money money) {
        long pence = money.pence();
        return String.format(Locale.UK, "£%,d.%02d", pence / 100, pence % 100);
    }
}
