package wales.gov.grants.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** Documents the tests render: small, but with everything the audit packs use. */
final class SampleDocuments {
    static final Instant AS_OF = Instant.parse("2020-03-31T17:30:00Z");
    static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String WELSH = "Ŵyl Dewi: mae'r ŷd yn tyfu. ŴŶ âêîôû ŵŷ";
    static final byte[] CSV = "reference,amount\nINV-1,1250.00\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] JSON = "{\"award\":\"AW-2020-0001\",\"claims\":3}".getBytes(StandardCharsets.UTF_8);

    @FunctionalInterface
    interface Content {
        void writeTo(DocumentWriter writer) throws IOException;
    }

    private SampleDocuments() {
    }

    static DocumentSettings english(String seed) {
        return new DocumentSettings("Audit pack AW-2020-0001", Locale.forLanguageTag("en-GB"), AS_OF, seed,
                "Audit pack AW-2020-0001: Cardiff Council", "Page {0} of {1}");
    }

    static DocumentSettings welsh() {
        return new DocumentSettings("Pecyn archwilio AW-2020-0001", Locale.forLanguageTag("cy"), AS_OF, SHA256,
                "Pecyn archwilio AW-2020-0001: Cyngor Caerdydd", "Tudalen {0} o {1}");
    }

    static byte[] render(DocumentSettings settings, Content content) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (DocumentWriter writer = DocumentWriter.open(settings)) {
            content.writeTo(writer);
            writer.finish(output);
        }
        return output.toByteArray();
    }

    /** Headings, Welsh text, a digest, statuses, a table over several pages and two attachments. */
    static byte[] full(DocumentSettings settings, int tableRows) throws IOException {
        return render(settings, writer -> {
            writer.heading("Award AW-2020-0001");
            writer.paragraph("The finance office approved every claim. " + WELSH);
            writer.keyValues(
                    KeyValue.of("Organisation", "Cardiff Council"),
                    KeyValue.of("Awarded", "£1,250,000.00"),
                    KeyValue.of("Evidence SHA-256", Cell.monospace(SHA256)),
                    KeyValue.of("Audit chain", Cell.status("PASS", StatusStyle.PASS)));
            writer.subheading("Conditions");
            writer.paragraph("Spend by 31 March 2021.");
            writer.heading("Claims");
            Table claims = writer.table(
                    Column.left("Reference", ColumnWidth.relative(2)),
                    Column.left("Submitted", ColumnWidth.points(70)),
                    Column.right("Amount", ColumnWidth.points(80)),
                    Column.left("Evidence", ColumnWidth.relative(3)).withStyle(TextStyle.MONOSPACE),
                    Column.left("Check", ColumnWidth.points(50)));
            for (int row = 1; row <= tableRows; row++) {
                claims.row(Cell.of("CL-" + row), Cell.of("2019-04-0" + (row % 9 + 1)),
                        Cell.of(String.format(Locale.ROOT, "£%,d.00", row * 100)), Cell.monospace(SHA256),
                        row % 10 == 0 ? Cell.status("FAIL", StatusStyle.FAIL) : Cell.status("PASS", StatusStyle.PASS));
            }
            writer.subheading("Claims by quarter");
            writer.paragraph("Every quarter was claimed on time.");
            writer.attach(new Attachment("anfoneb-ŵyl.csv", "text/csv", "Invoice (evidence)",
                    AttachmentRelationship.SOURCE, Instant.parse("2019-05-01T09:00:00Z"),
                    Instant.parse("2019-05-01T09:00:00Z"), () -> new ByteArrayInputStream(CSV)));
            writer.attach(new Attachment("pack-data.json", "application/json", "The pack's data",
                    AttachmentRelationship.DATA, AS_OF, AS_OF, () -> new ByteArrayInputStream(JSON)));
        });
    }
}
