package wales.gov.grants.batch.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardTransition;
import wales.gov.grants.batch.GrantsBatchApplication;
import wales.gov.grants.batch.GrantsBatchConfiguration;
import wales.gov.grants.batch.cli.Export360GivingCommand;
import wales.gov.grants.batch.imports.CsvFile;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.claims.NewPayment;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code export-360giving} against the 360Giving Data Standard 1.4 itself: its JSON schema and its codelists,
 * vendored under {@code src/test/resources/360giving} (CC BY 4.0, see the README there).
 */
class ThreeSixtyGivingExportTest {
    private static final String PACKAGE_SCHEMA =
            "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-package-schema.json";
    /** The package schema refers to the grant schema of 1.4.2; 1.4.3 changed only its documentation. */
    private static final List<String> GRANT_SCHEMAS = List.of(
            "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json",
            "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final TestClock clock = new TestClock();
    private final Fixtures fixtures = Fixtures.onTestDatabase(clock);
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);

    @TempDir
    Path directory;

    private Scheme scheme;
    private Award cardiff;
    private Award consortium;
    private Award draft;
    private Award withdrawn;

    @BeforeEach
    void awards() {
        scheme = fixtures.scheme(manager, "100000.00", "50000.00");
        Actor cardiffUser = fixtures.recipient(fixtures.cardiff());
        cardiff = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "600.00", cardiffUser);
        Claim claim = fixtures.approvedClaim(cardiffUser, fixtures.actor(Role.FINANCE_OFFICER), cardiff, 10, "250.50");
        fixtures.claims().pay(fixtures.actor(Role.FINANCE_OFFICER), claim.id(),
                new NewPayment("250.50", clock.today().toString(), "BACS-1"));
        // under a scheme with no regrant type of its own: the consortium's type decides
        consortium = fixtures.award(manager, fixtures.scheme(manager, "5000.00", "100.00"),
                fixtures.organisation("GWE"), "1200.00");
        fixtures.awards().transition(manager, consortium.id(), AwardTransition.OFFER);
        draft = fixtures.award(manager, scheme, fixtures.swansea(), "10.00");
        withdrawn = fixtures.award(manager, scheme, fixtures.organisation("W06000001"), "10.00");
        fixtures.awards().transition(manager, withdrawn.id(), AwardTransition.WITHDRAW);
    }

    @Test
    void theJsonPackageIsValidAgainstTheSchemaAndEveryCodeIsInItsCodelist() throws Exception {
        Path file = directory.resolve("grants.json");
        assertThat(run("--out", file.toString())).as(err.toString(StandardCharsets.UTF_8)).isEmpty();
        JsonNode data = JSON.readTree(file.toFile());

        assertThat(schemaErrors(data)).isEmpty();
        List<String> codes = new ArrayList<>();
        assertThat(codelistProblems(data, codes)).isEmpty();
        assertThat(codes).contains("currency GBP", "regrantType FRG010", "regrantType FRG070", "countryCode GB",
                "geoCodeType UA");

        Map<String, JsonNode> grants = new HashMap<>();
        data.get("grants").forEach(grant -> grants.put(grant.get("id").asText(), grant));
        assertThat(grants).doesNotContainKeys(id(draft), id(withdrawn));
        JsonNode grant = grants.get(id(cardiff));
        assertThat(grant.get("amountAwarded").isBigDecimal() || grant.get("amountAwarded").isNumber()).isTrue();
        assertThat(grant.get("amountAwarded").decimalValue()).isEqualByComparingTo("600.00");
        assertThat(grant.get("amountDisbursed").decimalValue()).isEqualByComparingTo("250.50");
        assertThat(grant.get("currency").asText()).isEqualTo("GBP");
        assertThat(grant.get("title").asText()).isEqualTo("Test scheme 2019-20: Cardiff Council");
        assertThat(grant.get("description").asText()).startsWith("Direct support to care leavers, no one named.")
                .endsWith("Awarded to Cardiff Council for 2019-20.");
        assertThat(grant.at("/recipientOrganization/0/id").asText()).isEqualTo("GB-PLA-CRF");
        assertThat(grant.at("/recipientOrganization/0/alternateName").asText()).isEqualTo("Cyngor Caerdydd");
        assertThat(grant.at("/fundingOrganization/0/id").asText()).isEqualTo("GB-GOR-DA1019");
        assertThat(grant.at("/grantProgramme/0/code").asText()).isEqualTo(scheme.code());
        assertThat(grant.at("/plannedDates/0/startDate").asText()).isEqualTo("2019-04-01");
        assertThat(grant.at("/plannedDates/0/endDate").asText()).isEqualTo("2020-03-31");
        assertThat(grant.at("/beneficiaryLocation/0/geoCode").asText()).isEqualTo("W06000015");
        assertThat(grant.get("regrantType").asText()).isEqualTo("FRG010");
        assertThat(grant.get("awardDate").asText()).matches("^\\d{4}-\\d{2}-\\d{2}$");
        assertThat(grant.get("dateModified").asText()).endsWith("Z");
        JsonNode gwe = grants.get(id(consortium));
        assertThat(gwe.at("/recipientOrganization/0/id").asText()).isEqualTo("360G-WelshGovernment-ORG-GWE");
        assertThat(gwe.get("regrantType").asText()).isEqualTo("FRG070");
        assertThat(gwe.has("beneficiaryLocation")).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Wrote " + data.get("grants").size() + " grants of 2019-20 to ");
    }

    @Test
    void theValidatorRefusesAGrantWithoutARequiredField() throws Exception {
        Path file = directory.resolve("grants.json");
        assertThat(run("--out", file.toString())).isEmpty();
        JsonNode data = JSON.readTree(file.toFile());
        ((ObjectNode) data.get("grants").get(0)).remove("currency");

        assertThat(schemaErrors(data)).isNotEmpty();
    }

    @Test
    void theCsvHasTheStandardsColumnTitlesAndOneRowPerGrant() throws Exception {
        Path file = directory.resolve("grants.csv");
        assertThat(run("--out", file.toString())).as(err.toString(StandardCharsets.UTF_8)).isEmpty();
        CsvFile csv = CsvFile.parse(Files.readAllBytes(file));
        assertThat(csv.problems()).isEmpty();

        List<String> header = csv.records().get(0).fields();
        assertThat(header).isEqualTo(ThreeSixtyGivingExport.CSV_COLUMNS);
        assertThat(schemaTitles()).containsAll(header);
        List<String> row = csv.records().stream().map(CsvFile.Record::fields)
                .filter(fields -> fields.get(0).equals(id(cardiff))).findFirst().orElseThrow();
        Map<String, String> values = new HashMap<>();
        for (int index = 0; index < header.size(); index++) {
            values.put(header.get(index), row.get(index));
        }
        assertThat(values).containsEntry("Amount Awarded", "600.00").containsEntry("Amount Disbursed", "250.50")
                .containsEntry("Currency", "GBP").containsEntry("Recipient Org:Identifier", "GB-PLA-CRF")
                .containsEntry("Recipient Org:Name", "Cardiff Council")
                .containsEntry("Funding Org:Identifier", "GB-GOR-DA1019").containsEntry("For Regrant Type", "FRG010")
                .containsEntry("Planned Dates:Duration (months)", "12")
                .containsEntry("Grant Programme:Code", scheme.code());
    }

    @Test
    void aYearWithoutAwardsWritesNothingAndSaysSo() {
        Path file = directory.resolve("grants.json");
        assertThat(run("--financial-year", "2031-32", "--out", file.toString())).isPresent();
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo(
                "export-360giving failed: no offered, active or closed awards in 2031-32: nothing written");
        assertThat(file).doesNotExist();
    }

    private String id(Award award) {
        return "360G-WelshGovernment-" + award.id();
    }

    private static List<Error> schemaErrors(JsonNode data) throws IOException {
        Map<String, String> schemas = new HashMap<>();
        schemas.put(PACKAGE_SCHEMA, resource("360-giving-package-schema.json"));
        for (String grant : GRANT_SCHEMAS) {
            schemas.put(grant, resource("360-giving-schema.json"));
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(schemas));
        Schema schema = registry.getSchema(SchemaLocation.of(PACKAGE_SCHEMA));
        // As the standard's own checker does: a "format" is asserted, which the oneOf of its dates relies on
        return schema.validate(data, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    }

    /** Walks each grant with the grant schema: every value under a {@code codelist} annotation must be in it. */
    private static List<String> codelistProblems(JsonNode data, List<String> checked) throws IOException {
        JsonNode grantSchema = JSON.readTree(resource("360-giving-schema.json"));
        List<String> problems = new ArrayList<>();
        for (JsonNode grant : data.get("grants")) {
            walk(grantSchema, grantSchema, grant, grant.get("id").asText(), "", problems, checked);
        }
        return problems;
    }

    private static void walk(JsonNode root, JsonNode schema, JsonNode value, String grant, String path,
                             List<String> problems, List<String> checked) throws IOException {
        JsonNode resolved = resolve(root, schema);
        String field = path.substring(path.lastIndexOf('/') + 1);
        // The schema names no codelist for geoCodeType, but the standard publishes one
        String codelist = resolved.has("codelist") ? resolved.get("codelist").asText()
                : field.equals("geoCodeType") ? "geoCodeType.csv" : null;
        if (codelist != null && value.isTextual()) {
            checked.add(field + " " + value.asText());
            if (!codes(codelist).contains(value.asText())) {
                problems.add(grant + path + ": " + value.asText() + " is not in " + codelist);
            }
        }
        if (value.isObject() && resolved.has("properties")) {
            for (Map.Entry<String, JsonNode> child : value.properties()) {
                JsonNode property = resolved.get("properties").get(child.getKey());
                if (property == null) {
                    problems.add(grant + path + "/" + child.getKey() + " is not a field of the standard");
                    continue;
                }
                walk(root, property, child.getValue(), grant, path + "/" + child.getKey(), problems, checked);
            }
        }
        if (value.isArray() && resolved.has("items")) {
            for (JsonNode item : value) {
                walk(root, resolved.get("items"), item, grant, path, problems, checked);
            }
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode schema) {
        return schema.has("$ref") ? root.at(schema.get("$ref").asText().substring(1)) : schema;
    }

    private static Set<String> codes(String codelist) throws IOException {
        CsvFile csv = CsvFile.parse(resource(codelist).getBytes(StandardCharsets.UTF_8));
        Set<String> codes = new HashSet<>();
        csv.records().stream().skip(1).forEach(record -> codes.add(record.fields().get(0)));
        return codes;
    }

    /** Every title the flattened form may have: a field's title, or an object field's title, ':', its field's. */
    private static Set<String> schemaTitles() throws IOException {
        JsonNode root = JSON.readTree(resource("360-giving-schema.json"));
        Set<String> titles = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> field : root.get("properties").properties()) {
            JsonNode property = field.getValue();
            String title = title(root, property);
            titles.add(title);
            JsonNode object = resolve(root, property.has("items") ? property.get("items") : property);
            if (object.has("properties")) {
                object.get("properties").forEach(child -> titles.add(title + ":" + title(root, child)));
            }
        }
        return titles;
    }

    private static String title(JsonNode root, JsonNode property) {
        return property.has("title") ? property.get("title").asText() : resolve(root, property).path("title").asText();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ThreeSixtyGivingExportTest.class.getResourceAsStream("/360giving/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Optional<Throwable> run(String... arguments) {
        try {
            TestDatabase database = TestDatabase.get();
            Fixtures.signingKey();
            Path config = Files.writeString(directory.resolve("batch.yml"), "database:\n"
                    + "  driverClass: org.postgresql.Driver\n  url: " + database.url() + "\n  user: " + database.user()
                    + "\n  password: \"" + database.password() + "\"\nevidence:\n  storageDirectory: "
                    + directory.resolve("evidence") + "\naudit:\n  signingKeyFile: "
                    + Path.of("target", "test-audit-signing-key.pem").toAbsolutePath() + "\n"
                    + "threeSixtyGiving:\n  schemeRegrantTypes:\n    " + scheme.code() + ": FRG010\n"
                    + "  schemeDescriptions:\n    " + scheme.code() + ": \"Direct support to care leavers, no one named.\"\n");
            GrantsBatchApplication application = new GrantsBatchApplication();
            Bootstrap<GrantsBatchConfiguration> bootstrap = new Bootstrap<>(application);
            bootstrap.addCommand(new Export360GivingCommand(new PrintStream(out, true, StandardCharsets.UTF_8), clock));
            List<String> all = new ArrayList<>(List.of("export-360giving", config.toString()));
            if (!List.of(arguments).contains("--financial-year")) {
                all.addAll(List.of("--financial-year", "2019-20"));
            }
            all.addAll(List.of(arguments));
            return new Cli(new JarLocation(GrantsBatchApplication.class), bootstrap,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
