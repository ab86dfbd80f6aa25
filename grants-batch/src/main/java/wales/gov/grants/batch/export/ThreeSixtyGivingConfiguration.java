package wales.gov.grants.batch.export;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The {@code threeSixtyGiving} section: how {@code export-360giving} names the funder, the grants and the
 * recipients. Every default is documented in the README; a setting given in the file replaces the default of the
 * same key and leaves the others.
 */
public class ThreeSixtyGivingConfiguration {
    /** Org-id.guide's GB-PLA list (the Principal Local Authority Register for Wales) names the councils by ISO 3166-2. */
    static final Map<String, String> LOCAL_AUTHORITY_IDENTIFIERS = Map.ofEntries(
            Map.entry("W06000001", "GB-PLA-AGY"), Map.entry("W06000002", "GB-PLA-GWN"),
            Map.entry("W06000003", "GB-PLA-CWY"), Map.entry("W06000004", "GB-PLA-DEN"),
            Map.entry("W06000005", "GB-PLA-FLN"), Map.entry("W06000006", "GB-PLA-WRX"),
            Map.entry("W06000008", "GB-PLA-CGN"), Map.entry("W06000009", "GB-PLA-PEM"),
            Map.entry("W06000010", "GB-PLA-CMN"), Map.entry("W06000011", "GB-PLA-SWA"),
            Map.entry("W06000012", "GB-PLA-NTL"), Map.entry("W06000013", "GB-PLA-BGE"),
            Map.entry("W06000014", "GB-PLA-VGL"), Map.entry("W06000015", "GB-PLA-CRF"),
            Map.entry("W06000016", "GB-PLA-RCT"), Map.entry("W06000018", "GB-PLA-CAY"),
            Map.entry("W06000019", "GB-PLA-BGW"), Map.entry("W06000020", "GB-PLA-TOF"),
            Map.entry("W06000021", "GB-PLA-MON"), Map.entry("W06000022", "GB-PLA-NWP"),
            Map.entry("W06000023", "GB-PLA-POW"), Map.entry("W06000024", "GB-PLA-MTY"));

    /** The St David's Day Fund is paid on by each council to care leavers as grants: a common regrant. */
    static final Map<String, String> SCHEME_REGRANT_TYPES = Map.of("SDDF", "FRG010");

    /** Consortia and regional partnership boards pass part of their funding on and spend the rest themselves. */
    static final Map<String, String> ORGANISATION_TYPE_REGRANT_TYPES = Map.of(
            "EDUCATION_CONSORTIUM", "FRG070", "REGIONAL_PARTNERSHIP_BOARD", "FRG070");

    static final Map<String, String> SCHEME_DESCRIPTIONS = Map.of(
            "PDG-LAC", "Pupil Development Grant for looked-after children: educational support for children who are "
                    + "looked after, through the regional education consortium, including PDG Access (uniform, "
                    + "equipment, enrichment).",
            "ADOPT", "Adoption services funding: strengthening adoption provision to prevent children re-entering "
                    + "care and to reduce the time they wait to leave care through adoption, including TESSA, the "
                    + "therapeutic education support service for adoptive families.",
            "SDDF", "St David's Day Fund: direct financial support to young people leaving care, paid by the council "
                    + "to care leavers in its area as small grants. The council reports how many care leavers it "
                    + "supported and on what the money was spent; no care leaver is identified in this data.");

    @NotBlank
    @Pattern(regexp = "^360G-[A-Za-z0-9]+(-[A-Za-z0-9]+)*-$", message = "must be a 360Giving prefix ending in '-', "
            + "such as 360G-WelshGovernment-")
    private String identifierPrefix = "360G-WelshGovernment-";

    @NotBlank
    private String funderIdentifier = "GB-GOR-DA1019";

    @NotBlank
    private String funderName = "Welsh Government";

    @NotBlank
    private String funderWelshName = "Llywodraeth Cymru";

    @NotNull
    private Map<String, String> organisationIdentifiers = new LinkedHashMap<>();

    @NotNull
    private Map<String, String> schemeRegrantTypes = new LinkedHashMap<>();

    @NotNull
    private Map<String, String> organisationTypeRegrantTypes = new LinkedHashMap<>();

    @NotNull
    private Map<String, String> schemeDescriptions = new LinkedHashMap<>();

    @JsonProperty
    public String getIdentifierPrefix() {
        return identifierPrefix;
    }

    @JsonProperty
    public void setIdentifierPrefix(String identifierPrefix) {
        this.identifierPrefix = identifierPrefix;
    }

    @JsonProperty
    public String getFunderIdentifier() {
        return funderIdentifier;
    }

    @JsonProperty
    public void setFunderIdentifier(String funderIdentifier) {
        this.funderIdentifier = funderIdentifier;
    }

    @JsonProperty
    public String getFunderName() {
        return funderName;
    }

    @JsonProperty
    public void setFunderName(String funderName) {
        this.funderName = funderName;
    }

    @JsonProperty
    public String getFunderWelshName() {
        return funderWelshName;
    }

    @JsonProperty
    public void setFunderWelshName(String funderWelshName) {
        this.funderWelshName = funderWelshName;
    }

    /** Org-id identifiers by organisation code, over the GB-PLA defaults of the 22 councils. */
    @JsonProperty
    public Map<String, String> getOrganisationIdentifiers() {
        return organisationIdentifiers;
    }

    @JsonProperty
    public void setOrganisationIdentifiers(Map<String, String> organisationIdentifiers) {
        this.organisationIdentifiers = organisationIdentifiers;
    }

    @JsonProperty
    public Map<String, String> getSchemeRegrantTypes() {
        return schemeRegrantTypes;
    }

    @JsonProperty
    public void setSchemeRegrantTypes(Map<String, String> schemeRegrantTypes) {
        this.schemeRegrantTypes = schemeRegrantTypes;
    }

    @JsonProperty
    public Map<String, String> getOrganisationTypeRegrantTypes() {
        return organisationTypeRegrantTypes;
    }

    @JsonProperty
    public void setOrganisationTypeRegrantTypes(Map<String, String> organisationTypeRegrantTypes) {
        this.organisationTypeRegrantTypes = organisationTypeRegrantTypes;
    }

    @JsonProperty
    public Map<String, String> getSchemeDescriptions() {
        return schemeDescriptions;
    }

    @JsonProperty
    public void setSchemeDescriptions(Map<String, String> schemeDescriptions) {
        this.schemeDescriptions = schemeDescriptions;
    }

    /** The regrant codes are the standard's closed codelist, FRG010 to FRG070. */
    @AssertTrue(message = "schemeRegrantTypes and organisationTypeRegrantTypes must be codes FRG010 to FRG070")
    @JsonIgnore
    public boolean isRegrantTypesValid() {
        return schemeRegrantTypes.values().stream().allMatch(code -> code != null && code.matches("^FRG0[1-7]0$"))
                && organisationTypeRegrantTypes.values().stream()
                .allMatch(code -> code != null && code.matches("^FRG0[1-7]0$"));
    }

    /** The settings in force: the defaults with the file's settings over them. */
    public Settings settings() {
        return new Settings(identifierPrefix, funderIdentifier, funderName, funderWelshName,
                merged(LOCAL_AUTHORITY_IDENTIFIERS, organisationIdentifiers),
                merged(SCHEME_REGRANT_TYPES, schemeRegrantTypes),
                merged(ORGANISATION_TYPE_REGRANT_TYPES, organisationTypeRegrantTypes),
                merged(SCHEME_DESCRIPTIONS, schemeDescriptions));
    }

    private static Map<String, String> merged(Map<String, String> defaults, Map<String, String> configured) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        merged.putAll(configured);
        return Map.copyOf(merged);
    }

    /** What the export uses, settled. */
    public record Settings(String identifierPrefix, String funderIdentifier, String funderName, String funderWelshName,
                           Map<String, String> organisationIdentifiers, Map<String, String> schemeRegrantTypes,
                           Map<String, String> organisationTypeRegrantTypes, Map<String, String> schemeDescriptions) {
    }
}
