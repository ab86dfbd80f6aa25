package wales.gov.grants.batch.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import wales.gov.grants.kernel.FinancialYear;

import static java.util.Objects.requireNonNull;

/**
 * Awards as grants of the 360Giving Data Standard 1.4: a JSON package ({@code {"grants": [...]}}) or the
 * standard's flattened CSV, whose column titles are the schema's titles joined by {@code :}.
 *
 * <p>Amounts are JSON numbers, as the standard's schema types them, written from whole pence as a decimal with two
 * places ({@code 85000.00}), never through a binary floating point.
 */
public final class ThreeSixtyGivingExport {
    /** The flattened columns, in order: each title is the schema's, nested ones joined by ':'. */
    public static final List<String> CSV_COLUMNS = List.of("Identifier", "Title", "Description", "Currency",
            "Amount Awarded", "Amount Disbursed", "Award Date", "Last Modified", "Recipient Org:Identifier",
            "Recipient Org:Name", "Recipient Org:Alternate Name", "Funding Org:Identifier", "Funding Org:Name",
            "Funding Org:Alternate Name", "Grant Programme:Code", "Grant Programme:Title",
            "Planned Dates:Start Date", "Planned Dates:End Date", "Planned Dates:Duration (months)",
            "Beneficiary Location:Name", "Beneficiary Location:Country Code", "Beneficiary Location:Geographic Code",
            "Beneficiary Location:Geographic Code Type", "For Regrant Type");

    private final ThreeSixtyGivingConfiguration.Settings settings;

    public ThreeSixtyGivingExport(ThreeSixtyGivingConfiguration.Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** One grant, keyed by the standard's field names, in the schema's order. */
    public Map<String, Object> grant(GrantExportDao.ExportedAward award) {
        FinancialYear year = FinancialYear.parse(award.financialYear());
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("id", settings.identifierPrefix() + award.awardId());
        grant.put("title", award.schemeNameEn() + " " + year + ": " + award.organisationNameEn());
        grant.put("description", description(award, year));
        grant.put("currency", "GBP");
        grant.put("amountAwarded", pounds(award.amountPence()));
        grant.put("amountDisbursed", pounds(award.paidPence()));
        // The decision to award is the offer; the export takes only awards that were offered
        grant.put("awardDate", LocalDate.ofInstant(award.offeredAt(), ZoneOffset.UTC).toString());
        grant.put("plannedDates", List.of(ordered("startDate", year.firstDay().toString(),
                "endDate", year.lastDay().toString(), "duration", 12)));
        grant.put("recipientOrganization", List.of(ordered("id", recipientIdentifier(award),
                "name", award.organisationNameEn(), "alternateName", award.organisationNameCy())));
        grant.put("fundingOrganization", List.of(ordered("id", settings.funderIdentifier(),
                "name", settings.funderName(), "alternateName", settings.funderWelshName())));
        grant.put("grantProgramme", List.of(ordered("code", award.schemeCode(), "title", award.schemeNameEn())));
        if (isCouncil(award)) {
            // A council's ONS code is the code of its area: the beneficiaries are there
            grant.put("beneficiaryLocation", List.of(ordered("name", award.organisationNameEn(),
                    "countryCode", "GB", "geoCode", award.organisationCode(), "geoCodeType", "UA")));
        }
        grant.put("dateModified", (award.lastEventAt() == null ? award.createdAt() : award.lastEventAt()).toString());
        String regrantType = regrantType(award);
        if (regrantType != null) {
            grant.put("regrantType", regrantType);
        }
        return grant;
    }

    public void writeJson(List<Map<String, Object>> grants, OutputStream out) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        mapper.writeValue(out, Map.of("grants", grants));
    }

    public void writeCsv(List<Map<String, Object>> grants, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writeRow(writer, CSV_COLUMNS);
        for (Map<String, Object> grant : grants) {
            List<String> row = new ArrayList<>();
            for (String column : CSV_COLUMNS) {
                row.add(flat(grant, column));
            }
            writeRow(writer, row);
        }
        writer.flush();
    }

    private String description(GrantExportDao.ExportedAward award, FinancialYear year) {
        String programme = settings.schemeDescriptions().get(award.schemeCode());
        return (programme == null ? "Funding from the " + settings.funderName() + "'s " + award.schemeNameEn()
                + " programme." : programme) + " Awarded to " + award.organisationNameEn() + " for " + year + ".";
    }

    private String recipientIdentifier(GrantExportDao.ExportedAward award) {
        String configured = settings.organisationIdentifiers().get(award.organisationCode());
        // No register lists it: the funder's own identifier, as the standard's guidance says
        return configured != null ? configured : settings.identifierPrefix() + "ORG-" + award.organisationCode();
    }

    private String regrantType(GrantExportDao.ExportedAward award) {
        String byScheme = settings.schemeRegrantTypes().get(award.schemeCode());
        return byScheme != null ? byScheme : settings.organisationTypeRegrantTypes().get(award.organisationType());
    }

    private static boolean isCouncil(GrantExportDao.ExportedAward award) {
        return award.organisationType().equals("LOCAL_AUTHORITY") && award.organisationCode().matches("^W06[0-9]{6}$");
    }

    private static BigDecimal pounds(long pence) {
        return BigDecimal.valueOf(pence, 2);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int index = 0; index < keysAndValues.length; index += 2) {
            map.put((String) keysAndValues[index], keysAndValues[index + 1]);
        }
        return map;
    }

    /** The value under a flattened title: the field of the grant, or of the first object of a list field. */
    private static String flat(Map<String, Object> grant, String column) {
        String[] parts = column.split(":", 2);
        Object value = grant.get(FIELDS.get(parts[0]));
        if (parts.length == 2) {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                return "";
            }
            value = ((Map<?, ?>) list.get(0)).get(FIELDS.get(parts[1]));
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value == null ? "" : value.toString();
    }

    /** Schema titles to field names, for the fields the export writes. */
    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("Identifier", "id"),
            Map.entry("Title", "title"), Map.entry("Description", "description"), Map.entry("Currency", "currency"),
            Map.entry("Amount Awarded", "amountAwarded"), Map.entry("Amount Disbursed", "amountDisbursed"),
            Map.entry("Award Date", "awardDate"), Map.entry("Last Modified", "dateModified"),
            Map.entry("Recipient Org", "recipientOrganization"), Map.entry("Funding Org", "fundingOrganization"),
            Map.entry("Grant Programme", "grantProgramme"), Map.entry("Planned Dates", "plannedDates"),
            Map.entry("Beneficiary Location", "beneficiaryLocation"), Map.entry("For Regrant Type", "regrantType"),
            Map.entry("Name", "name"), Map.entry("Alternate Name", "alternateName"), Map.entry("Code", "code"),
            Map.entry("Start Date", "startDate"), Map.entry("End Date", "endDate"),
            Map.entry("Duration (months)", "duration"), Map.entry("Country Code", "countryCode"),
            Map.entry("Geographic Code", "geoCode"), Map.entry("Geographic Code Type", "geoCodeType"));

    private static void writeRow(Writer writer, List<String> values) throws IOException {
        for (int index = 0; index < values.size(); index++) {
            if (index > 0) {
                writer.write(',');
            }
            String value = values.get(index);
            if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0) {
                writer.write('"' + value.replace("\"", "\"\"") + '"');
            } else {
                writer.write(value);
            }
        }
        writer.write("\r\n");
    }
}
