package wales.gov.grants.api.openapi;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import wales.gov.grants.awards.AwardStatus;
import wales.gov.grants.claims.ClaimStatus;
import wales.gov.grants.evidence.Evidence;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.organisations.OrganisationType;

/**
 * What the API's bodies carry beyond their Java types, which are plain strings: the request records live in
 * grants-core, which knows nothing of HTTP or OpenAPI, so the facts are stated here once, by field name, for every
 * schema that has the field. Money is SPEC's decimal string (the pattern {@code Money.parse} accepts), dates are
 * {@code YYYY-MM-DD}, times ISO-8601 UTC, statuses and roles their enums. A new body with a money field named as
 * these are gets its pattern without a line here; a new request body lists its required fields in
 * {@link #REQUIRED}.
 */
final class SchemaConventions {
    /** The pattern of {@code wales.gov.grants.kernel.Money}: pounds, 0 to 2 decimal places, at most 999999999999.99. */
    static final String MONEY_PATTERN = "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?$";

    private static final Set<String> MONEY = Set.of("amount", "budget", "dualApprovalThreshold", "allocated",
            "unallocated", "approved", "paid", "claimed", "recovered", "remaining", "underspend", "eligible",
            "payable", "received", "outstanding", "recoveryDue", "totalRecovered");
    private static final Set<String> DATES = Set.of("periodStart", "periodEnd", "paidOn", "receivedOn", "from",
            "to");

    /** Required fields of the request bodies, as their services insist. */
    private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("NewScheme", List.of("code", "nameEn", "nameCy", "financialYear", "budget",
                    "dualApprovalThreshold")),
            Map.entry("NewAward", List.of("schemeId", "organisationId", "amount")),
            Map.entry("NewOutcomeTarget", List.of("measure", "description", "target")),
            Map.entry("NewClaim", List.of("periodStart", "periodEnd", "lines")),
            Map.entry("NewClaimLine", List.of("category", "description", "amount")),
            Map.entry("NewPayment", List.of("amount", "paidOn", "reference")),
            Map.entry("NewAdjustment", List.of("amount", "reason")),
            Map.entry("NewReceipt", List.of("amount", "receivedOn", "reference")),
            Map.entry("NewOutcomeReport", List.of("measure", "periodEnd", "value")),
            Map.entry("NewUser", List.of("username", "displayName", "role", "password")),
            Map.entry("NewOrganisation", List.of("code", "nameEn", "nameCy", "type")),
            Map.entry("Rejection", List.of("reason")),
            Map.entry("NewSample", List.of("size")),
            Map.entry("NewDelegation", List.of("delegateId", "from", "to", "reason")),
            Map.entry("Query", List.of("question")),
            Map.entry("PasswordChangeRequest", List.of("currentPassword", "newPassword")),
            Map.entry("EvidenceUpload", List.of("file", "title")),
            Map.entry("Problem", List.of("type", "title", "status")),
            Map.entry("FieldProblem", List.of("field", "message")),
            Map.entry("TokenView", List.of("token", "tokenType", "expiresAt")));

    /** Examples from the demo data (DOMAIN.md's programmes and organisations). */
    private static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry("NewScheme", """
                    {"code":"PDG-LAC","nameEn":"Pupil Development Grant – Looked After Children",
                     "nameCy":"Grant Datblygu Disgyblion – Plant sy'n Derbyn Gofal","financialYear":"2019-20",
                     "budget":"5000000.00","dualApprovalThreshold":"50000.00"}"""),
            Map.entry("NewAward", """
                    {"schemeId":"0d5c1c8e-8f52-4a8e-9d1e-3c1b6f0e2a11",
                     "organisationId":"5a0f7f0e-2b7d-4c39-8d0e-6e9b7a1c4d22","amount":"45000.00",
                     "conditions":["Advisers for care leavers up to 25"],
                     "outcomeTargets":[{"measure":"care-leavers-supported","description":"Care leavers supported",
                     "target":25}]}"""),
            Map.entry("NewClaim", """
                    {"periodStart":"2019-04-01","periodEnd":"2019-06-30","lines":[{"category":"grants-to-care-leavers",
                     "description":"Direct support payments, 41 care leavers","amount":"20500.00"}]}"""),
            Map.entry("NewPayment", """
                    {"amount":"20500.00","paidOn":"2019-07-15","reference":"BACS-2019-0715-CDF"}"""),
            Map.entry("Rejection", """
                    {"reason":"The invoices do not cover the period claimed"}"""),
            Map.entry("Problem", """
                    {"type":"https://grants.gov.wales/problems/second-approver-must-differ",
                     "title":"Unprocessable Content","status":422,
                     "detail":"this claim needs its second approval from a different finance officer"}"""));

    private SchemaConventions() {
    }

    /** swagger's component schemas are raw types. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void apply(Map<String, Schema> schemas) {
        if (schemas == null) {
            return;
        }
        schemas.forEach((name, schema) -> {
            Map<String, Schema> properties = schema.getProperties();
            if (properties != null) {
                properties.forEach((property, value) -> describe(name, property, value));
            }
            if (name.equals("NewSample")) {
                describeSample(schema);
            }
            List<String> required = REQUIRED.get(name);
            if (required != null) {
                schema.setRequired(required);
            }
            String example = EXAMPLES.get(name);
            if (example != null) {
                try {
                    schema.setExample(Json.mapper().readTree(example));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("The example of " + name + " is not JSON", e);
                }
            }
        });
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void describe(String schema, String property, Schema value) {
        if (value instanceof ArraySchema array && array.getItems() != null) {
            return;
        }
        if (!"string".equals(value.getType())) {
            return;
        }
        if (MONEY.contains(property)) {
            value.pattern(MONEY_PATTERN).example("2300000.00")
                    .description("Pounds as a decimal string, never a JSON number");
        } else if (DATES.contains(property)) {
            value.format("date").example("2019-06-30");
        } else if (property.endsWith("At")) {
            value.format("date-time").example("2019-09-30T14:05:00Z");
        } else if (property.equals("financialYear")) {
            value.pattern("^[0-9]{4}-[0-9]{2}$").example("2019-20");
        } else if (property.equals("role")) {
            value.setEnum(names(Role.values()));
        } else if (property.equals("type") && schema.contains("Organisation")) {
            value.setEnum(names(OrganisationType.values()));
        } else if (property.equals("status") && schema.startsWith("Award")) {
            value.setEnum(names(AwardStatus.values()));
        } else if (property.equals("status") && schema.startsWith("Claim")) {
            value.setEnum(names(ClaimStatus.values()));
        } else if (property.equals("status") && schema.startsWith("Evidence")) {
            value.setEnum(names(Evidence.Status.values()));
        } else if (property.equals("status") && schema.startsWith("Recovery")) {
            value.setEnum(List.of("OPEN", "SETTLED"));
        }
    }

    /**
     * A sample's request: its Java fields are untyped so that the service can name a wrong JSON type as a field
     * error, so its schema is stated here. The seed is documented as a string of digits, which the service takes as
     * it takes a JSON number.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void describeSample(Schema schema) {
        schema.addProperty("size", new IntegerSchema().format("int32").minimum(BigDecimal.ONE)
                .maximum(BigDecimal.valueOf(10_000)).example(25)
                .description("How many pennies to select: at least 1, at most the number of approved lines"));
        schema.addProperty("seed", new StringSchema().pattern("^-?[0-9]{1,19}$").example("20190930")
                .description("A signed 64-bit integer; the same seed over the same data draws the same sample. "
                        + "Drawn at random and recorded when absent"));
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
