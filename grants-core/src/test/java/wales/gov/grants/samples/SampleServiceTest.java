package wales.gov.grants.samples;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.ValidationResult;
import wales.gov.grants.awards.Award;
import wales.gov.grants.claims.Claim;
import wales.gov.grants.evidence.EvidenceService;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.PermissionDeniedException;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.packs.PackLanguage;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.testing.Fixtures;
import wales.gov.grants.testing.SampleFiles;
import wales.gov.grants.testing.TestClock;
import wales.gov.grants.wiring.GrantsServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Samples drawn, kept, read back and packed, on the real database. */
class SampleServiceTest {
    private final TestClock clock = new TestClock();
    private final Fixtures fixtures = Fixtures.onTestDatabase(clock);
    private final Actor manager = fixtures.actor(Role.GRANT_MANAGER);
    private final Actor finance = fixtures.actor(Role.FINANCE_OFFICER);
    private final Actor auditor = fixtures.actor(Role.AUDITOR);
    private final Actor cardiff = fixtures.recipient(fixtures.cardiff());
    private final Actor swansea = fixtures.recipient(fixtures.swansea());

    @TempDir
    Path evidenceRoot;

    @BeforeAll
    static void initialiseVeraPdf() {
        VeraGreenfieldFoundryProvider.initialise();
    }

    /** Two organisations' approved claims, 12 lines in all, one of £900 (above any interval of size 2 and more). */
    private record World(Scheme scheme, Award cardiffAward, Award swanseaAward, Claim large) {
    }

    private World world() {
        Scheme scheme = fixtures.scheme(manager, "100000.00", "50000.00");
        Award cardiffAward = fixtures.activeAward(manager, scheme, fixtures.cardiff(), "5000.00", cardiff);
        Award swanseaAward = fixtures.activeAward(manager, scheme, fixtures.swansea(), "5000.00", swansea);
        fixtures.approvedClaim(cardiff, finance, cardiffAward, 0, "10.00", "20.00", "30.00", "40.00");
        Claim large = fixtures.approvedClaim(cardiff, finance, cardiffAward, 30, "900.00");
        fixtures.approvedClaim(swansea, finance, swanseaAward, 0, "15.00", "25.00", "35.00", "45.00", "55.00");
        fixtures.approvedClaim(swansea, finance, swanseaAward, 40, "12.34", "0.01");
        // neither a draft nor a submitted claim is in the population
        fixtures.draftClaim(cardiff, cardiffAward, 60, "5000.00");
        fixtures.submittedClaim(swansea, swanseaAward, 60, "4000.00");
        return new World(scheme, cardiffAward, swanseaAward, large);
    }

    private static List<String> keys(Sample sample) {
        return sample.lines().stream().map(line -> line.claimId() + "/" + line.position()).toList();
    }

    @Test
    void theSameSeedOverTheSameDataGivesTheSameSampleAndAnotherSeedAnother() {
        World world = world();
        SampleService samples = fixtures.services().samples();
        Sample first = samples.draw(auditor, world.scheme().id(), new NewSample(4, 20_190_401));
        Sample again = samples.draw(auditor, world.scheme().id(), new NewSample(4, "20190401"));

        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(keys(again)).isEqualTo(keys(first));
        assertThat(again.dataDigest()).isEqualTo(first.dataDigest()).matches("[0-9a-f]{64}");
        assertThat(again.randomStart()).isEqualTo(first.randomStart());
        assertThat(first.seed()).isEqualTo(20_190_401L);
        assertThat(first.seedGiven()).isTrue();
        assertThat(first.populationLines()).isEqualTo(12);
        assertThat(first.populationValue().toDecimalString()).isEqualTo("1187.35");
        assertThat(first.samplingInterval().toDecimalString()).as("118,735 / 4 pence, to the penny below")
                .isEqualTo("296.83");
        assertThat(first.method()).isEqualTo("mus-systematic/1");
        assertThat(first.drawnBy()).isEqualTo(auditor.username());
        assertThat(first.checkpoint()).as("the latest signed checkpoint").isPresent();
        assertThat(first.checkpoint().get().digest()).matches("[0-9a-f]{64}");

        // the £900 line is just over three intervals: selected with certainty, holding three or four of the pennies;
        // each other penny falls in a line smaller than the interval, which holds at most one
        Sample.Line large = first.lines().stream().filter(line -> line.claimId().equals(world.large().id()))
                .findFirst().orElseThrow();
        assertThat(large.certain()).isTrue();
        assertThat(large.hits()).isBetween(3, 4);
        assertThat(first.lines()).hasSize(1 + 4 - large.hits());
        assertThat(first.lines().stream().filter(line -> line != large)).allSatisfy(line -> {
            assertThat(line.hits()).isEqualTo(1);
            assertThat(line.certain()).isFalse();
        });
        assertThat(large.organisationCode()).isEqualTo("W06000015");
        assertThat(large.awardId()).isEqualTo(world.cardiffAward().id());
        assertThat(large.amount().toDecimalString()).isEqualTo("900.00");

        // the documented method over the population read here, independently, gives the same lines
        List<String> population = fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT line.claim_id || '/' || line.position || '/' || line.amount_pence
                        FROM claim_lines line JOIN claims claim ON claim.id = line.claim_id
                        JOIN awards award ON award.id = claim.award_id
                        WHERE award.scheme_id = :scheme AND claim.status IN ('APPROVED', 'PAID')
                        ORDER BY line.claim_id::text, line.position""")
                .bind("scheme", world.scheme().id().value()).mapTo(String.class).list());
        long[] amounts = population.stream().mapToLong(key -> Long.parseLong(key.split("/")[2])).toArray();
        List<String> expected = MonetaryUnitSampling.select(amounts, 4, 20_190_401L).hits().stream()
                .map(hit -> population.get(hit.index()).substring(0, population.get(hit.index()).lastIndexOf('/')))
                .toList();
        assertThat(keys(first)).isEqualTo(expected);
        assertThat(first.randomStart()).isEqualTo(MonetaryUnitSampling.randomBelow(20_190_401L, 118_735));

        List<List<String>> others = new ArrayList<>();
        for (long seed = 1; seed <= 5; seed++) {
            others.add(keys(samples.draw(auditor, world.scheme().id(), new NewSample(4, seed))));
        }
        assertThat(others).as("five other seeds give more than one sample").anySatisfy(other ->
                assertThat(other).isNotEqualTo(keys(first)));
        Sample otherSeed = samples.draw(auditor, world.scheme().id(), new NewSample(4, 7));
        assertThat(otherSeed.randomStart()).isNotEqualTo(first.randomStart());
        assertThat(otherSeed.dataDigest()).isEqualTo(first.dataDigest());
    }

    @Test
    void changedDataHasAnotherDigestAndASampleReadBackIsTheOneDrawn() {
        World world = world();
        SampleService samples = fixtures.services().samples();
        Sample before = samples.draw(auditor, world.scheme().id(), new NewSample(3, 42));
        fixtures.approvedClaim(cardiff, finance, world.cardiffAward(), 90, "0.50");
        Sample after = samples.draw(auditor, world.scheme().id(), new NewSample(3, 42));
        assertThat(after.dataDigest()).isNotEqualTo(before.dataDigest());
        assertThat(after.populationLines()).isEqualTo(13);
        assertThat(samples.get(auditor, before.id())).isEqualTo(before);
    }

    @Test
    void aSeedNotGivenIsDrawnAtRandomRecordedAndRedrawsTheSameSample() {
        World world = world();
        SampleService samples = fixtures.services().samples();
        Sample random = samples.draw(auditor, world.scheme().id(), new NewSample(5, null));
        assertThat(random.seedGiven()).isFalse();
        assertThat(random.seed()).isNotNegative();
        Sample redrawn = samples.draw(auditor, world.scheme().id(), new NewSample(5, Long.toString(random.seed())));
        assertThat(keys(redrawn)).isEqualTo(keys(random));
        Long events = fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM audit_events
                        WHERE action = 'SAMPLE_DRAWN' AND object_id = :id AND actor_username = :auditor""")
                .bind("id", random.id().toString()).bind("auditor", auditor.username()).mapTo(Long.class).one());
        assertThat(events).isEqualTo(1);
    }

    @Test
    void badSizesAndSeedsAreRefusedFieldByField() {
        World world = world();
        SampleService samples = fixtures.services().samples();
        SchemeId scheme = world.scheme().id();
        assertInvalid(() -> samples.draw(auditor, scheme, new NewSample(0, 1)), "size", "must be at least 1");
        assertInvalid(() -> samples.draw(auditor, scheme, new NewSample(-3, 1)), "size", "must be at least 1");
        assertInvalid(() -> samples.draw(auditor, scheme, new NewSample(2.5, 1)), "size", "whole number");
        assertInvalid(() -> samples.draw(auditor, scheme, new NewSample("3", 1)), "size", "whole number");
        assertInvalid(() -> samples.draw(auditor, scheme, new NewSample(null, 1)), "size", "is required");
        assertInvalid(() -> samples.draw(auditor, scheme, new NewSample(13, 1)), "size",
                "at most the number of approved claim lines (12)");
        assertInvalid(() -> samples.draw(auditor, scheme, new NewSample(new BigInteger("1" + "0".repeat(40)), 1)),
                "size", "at most 10000");
        assertInvalid(() -> samples.draw(auditor, scheme, new NewSample(Long.MAX_VALUE, 1)), "size", "at most");
        assertInvalid(() -> samples.draw(auditor, scheme, new NewSample(3, "abc")), "seed", "whole number");
        assertInvalid(() -> samples.draw(auditor, scheme, new NewSample(3, 1.5)), "seed", "whole number");
        assertInvalid(() -> samples.draw(auditor, scheme, new NewSample(3, "1e3")), "seed", "whole number");
        assertInvalid(() -> samples.draw(auditor, scheme, new NewSample(3, "9223372036854775808")), "seed",
                "9223372036854775807");
        assertInvalid(() -> samples.draw(auditor, scheme, new NewSample(3, new BigInteger("-9223372036854775809"))),
                "seed", "whole number");
        assertInvalid(() -> samples.draw(auditor, scheme, new NewSample(3, "12\u0000")), "seed", "whole number");
        assertInvalid(() -> samples.draw(auditor, scheme, new NewSample(3, Map.of("seed", 1))), "seed", "whole number");
        assertThatThrownBy(() -> samples.draw(auditor, scheme, new NewSample(0, "x")))
                .isInstanceOfSatisfying(ValidationException.class, refused ->
                        assertThat(refused.errors()).extracting(ValidationException.FieldError::field)
                                .containsExactly("size", "seed"));
        // the extremes of the range are seeds like any other
        assertThat(samples.draw(auditor, scheme, new NewSample(1, "-9223372036854775808")).seed())
                .isEqualTo(Long.MIN_VALUE);
        assertThat(samples.draw(auditor, scheme, new NewSample(12, Long.MAX_VALUE)).lines().stream()
                .mapToInt(Sample.Line::hits).sum()).isEqualTo(12);
    }

    @Test
    void onlyAuditorsSampleAnUnknownSchemeIsNotFoundAndOneWithoutApprovedLinesIsARuleViolation() {
        World world = world();
        SampleService samples = fixtures.services().samples();
        for (Actor other : List.of(manager, finance, cardiff, fixtures.actor(Role.ADMIN))) {
            assertThatThrownBy(() -> samples.draw(other, world.scheme().id(), new NewSample(2, 1)))
                    .isInstanceOf(PermissionDeniedException.class);
        }
        Sample sample = samples.draw(auditor, world.scheme().id(), new NewSample(2, 1));
        assertThatThrownBy(() -> samples.get(finance, sample.id())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> samples.get(auditor, new SampleId(java.util.UUID.randomUUID())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> samples.draw(auditor, SchemeId.random(), new NewSample(2, 1)))
                .isInstanceOf(NotFoundException.class);
        Scheme empty = fixtures.scheme(manager, "1000.00", "500.00");
        Award award = fixtures.activeAward(manager, empty, fixtures.cardiff(), "100.00", cardiff);
        fixtures.submittedClaim(cardiff, award, 0, "10.00");
        assertThatThrownBy(() -> samples.draw(auditor, empty.id(), new NewSample(1, 1)))
                .isInstanceOfSatisfying(RuleViolationException.class, refused ->
                        assertThat(refused.rule()).isEqualTo("no-approved-lines"));
    }

    @Test
    void samplesAreAppendOnlyInTheDatabase() {
        World world = world();
        Sample sample = fixtures.services().samples().draw(auditor, world.scheme().id(), new NewSample(2, 1));
        assertThatThrownBy(() -> fixtures.jdbi().useHandle(handle -> handle.execute(
                "UPDATE samples SET seed = 2 WHERE id = ?", sample.id().value())))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> fixtures.jdbi().useHandle(handle -> handle.execute(
                "DELETE FROM sample_lines WHERE sample_id = ?", sample.id().value())))
                .hasMessageContaining("append-only");
    }

    @Test
    void thePackIsPdfA3bInEnglishAndWelshWithTheEvidenceAttachedAndSaysWhenTheDataChanged() throws Exception {
        GrantsServices services = fixtures.services(new EvidenceStorage(evidenceRoot, 10_000_000));
        World world = world();
        EvidenceService evidence = services.evidence();
        evidence.upload(cardiff, world.cardiffAward().id(), evidence.stage(new ByteArrayInputStream(SampleFiles.pdf())),
                new EvidenceService.NewEvidence("anfoneb-ŵyl.pdf", "Invoice for the £900 line",
                        world.large().id().toString(), null), null);
        SampleService samples = services.samples();
        Sample sample = samples.draw(auditor, world.scheme().id(), new NewSample(4, 20_190_401));

        byte[] english = bytes(samples.pack(auditor, sample.id(), PackLanguage.EN));
        byte[] again = bytes(samples.pack(auditor, sample.id(), PackLanguage.EN));
        byte[] welsh = bytes(samples.pack(auditor, sample.id(), PackLanguage.CY));
        assertThat(again).as("a download is audited outside the sample's data").isEqualTo(english);
        ValidationResult result = validate(english);
        assertThat(result.isCompliant()).as(String.valueOf(result.getTestAssertions())).isTrue();
        assertThat(validate(welsh).isCompliant()).isTrue();

        String text = text(english);
        assertThat(text).contains("Audit sample", "Monetary-unit sampling", "20190401 (given by the auditor)",
                "£1,187.35", "£296.83", "Each penny of the scheme's approved claim lines",
                "Unchanged since the sample was drawn", "Sampled lines",
                "Invoice for the £900", "Cardiff Council", "£900.00", "Page 1 of");
        assertThat(text).contains(sample.dataDigest());
        assertThat(text(welsh)).contains("Sampl archwilio", "Samplu unedau ariannol", "Cyngor Caerdydd",
                "Heb newid ers tynnu'r sampl", "Tudalen 1 o");
        assertThat(attachments(english)).anySatisfy(name -> assertThat(name).endsWith("-anfoneb-ŵyl.pdf"))
                .contains("sample.json");

        fixtures.approvedClaim(cardiff, finance, world.cardiffAward(), 90, "0.50");
        String changed = text(bytes(samples.pack(auditor, sample.id(), PackLanguage.EN)));
        assertThat(changed).contains("Changed since the sample was drawn");
        Long downloads = fixtures.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM audit_events
                        WHERE action = 'SAMPLE_PACK_DOWNLOADED' AND object_id = :id""")
                .bind("id", sample.id().toString()).mapTo(Long.class).one());
        assertThat(downloads).isEqualTo(4);
        assertThatThrownBy(() -> samples.pack(finance, sample.id(), PackLanguage.EN))
                .isInstanceOf(PermissionDeniedException.class);
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field,
                                      String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, refused ->
                assertThat(refused.errors()).anySatisfy(error -> {
                    assertThat(error.field()).isEqualTo(field);
                    assertThat(error.message()).contains(message);
                }));
    }

    private static byte[] bytes(AuditPackService.Pack pack) throws IOException {
        try (pack) {
            return Files.readAllBytes(pack.file());
        }
    }

    private static ValidationResult validate(byte[] pdf) throws Exception {
        PDFAFlavour flavour = PDFAFlavour.fromString("3b");
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
            return validator.validate(parser);
        }
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // table cells wrap: one space for any run of white space
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    private static List<String> attachments(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
            return new ArrayList<>(names.getEmbeddedFiles().getNames().keySet());
        }
    }
}
