package wales.gov.grants.samples;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditCheckpoints;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.audit.Checkpoint;
import wales.gov.grants.evidence.EvidenceStorage;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.EvidenceId;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.RuleViolationException;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.Validator;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.packs.PackLanguage;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.schemes.SchemeDao;

import static java.util.Objects.requireNonNull;

/**
 * Audit samples: an auditor draws a monetary-unit sample ({@link MonetaryUnitSampling}) of a scheme's approved claim
 * lines ({@link Population}) from a seed, which is recorded (and drawn from {@link SecureRandom} when not given), so
 * that the same seed over the same data gives the same sample, anywhere. Samples are kept (append-only) with the
 * data digest and signed checkpoint they were drawn from, and drawing one, like taking its pack away, is audited.
 * Only auditors sample: the lines span every organisation of the scheme.
 */
public final class SampleService {
    /** A sample larger than this is no sample; it also bounds the work and the answer of one request. */
    public static final int MAX_SIZE = 10_000;
    private static final Pattern SEED_TEXT = Pattern.compile("^-?[0-9]{1,19}$");
    private static final String SEED_MESSAGE =
            "must be a whole number from -9223372036854775808 to 9223372036854775807, as a JSON number or a string "
                    + "of digits";

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final AuditCheckpoints checkpoints;
    private final SamplePacks packs;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SampleService(Jdbi jdbi, AuditLog auditLog, AuditCheckpoints checkpoints, EvidenceStorage storage,
                         AuditPackService.Settings settings, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.checkpoints = requireNonNull(checkpoints, "checkpoints is null");
        this.packs = new SamplePacks(requireNonNull(storage, "storage is null"),
                requireNonNull(settings, "settings is null"));
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Draws and keeps a sample.
     *
     * @throws wales.gov.grants.kernel.ValidationException for a size or seed that is not a whole number in range,
     *     or a size larger than the population's number of lines
     * @throws RuleViolationException if the scheme has no approved claim lines
     */
    public Sample draw(Actor actor, SchemeId schemeId, NewSample request) {
        actor.requireRole(Role.AUDITOR);
        requireNonNull(request, "request is null");
        Validator validator = new Validator();
        Integer size = size(validator, request.size());
        Long givenSeed = seed(validator, request.seed());
        validator.throwIfInvalid();
        Scheme scheme = jdbi.withExtension(SchemeDao.class, schemes -> schemes.find(schemeId.value()))
                .orElseThrow(() -> new NotFoundException("scheme", schemeId.toString()));
        // sign what the trail holds now, so that the checkpoint cited covers the approvals behind the population
        checkpoints.writeIfDue();
        Optional<Checkpoint> checkpoint = checkpoints.latest();
        long seed = givenSeed != null ? givenSeed : random.nextLong() & Long.MAX_VALUE;
        Population population = jdbi.withHandle(handle -> Population.read(handle, schemeId));
        if (population.lines().isEmpty()) {
            throw new RuleViolationException("no-approved-lines", "the scheme " + scheme.code()
                    + " has no approved claim lines to sample");
        }
        Validator fits = new Validator();
        fits.check(size <= population.lines().size(), "size", "must be at most the number of approved claim lines ("
                + population.lines().size() + ")");
        fits.throwIfInvalid();
        MonetaryUnitSampling.Selection selection = MonetaryUnitSampling.select(population.amounts(), size, seed);
        SampleId id = new SampleId(UUID.randomUUID());
        // the database keeps microseconds: record the time it will give back
        Instant drawnAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbi.useTransaction(handle -> {
            insert(handle, id, scheme, size, seed, givenSeed != null, population, selection, checkpoint, actor,
                    drawnAt);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("schemeId", scheme.id().toString());
            after.put("method", MonetaryUnitSampling.METHOD);
            after.put("size", (long) size);
            after.put("seed", Long.toString(seed));
            after.put("seedGiven", givenSeed != null);
            after.put("populationLines", (long) population.lines().size());
            after.put("populationValue", Money.ofPence(selection.total()).toDecimalString());
            after.put("randomStart", selection.randomStart());
            after.put("dataDigest", population.digest());
            after.put("checkpointSequence", checkpoint.map(Checkpoint::sequence).orElse(null));
            after.put("linesSelected", (long) selection.hits().size());
            auditLog.append(handle, AuditEvent.of(actor, AuditAction.SAMPLE_DRAWN, id).scheme(scheme.id())
                    .after(after).build());
        });
        return jdbi.withHandle(handle -> load(handle, id)).orElseThrow();
    }

    public Sample get(Actor actor, SampleId id) {
        actor.requireRole(Role.AUDITOR);
        return jdbi.withHandle(handle -> load(handle, id))
                .orElseThrow(() -> new NotFoundException("sample", id.toString()));
    }

    /**
     * The sample's pack: a PDF/A-3b of its lines and their evidence, the files attached, and whether the population
     * still has the digest it was drawn from. Downloading it is audited.
     */
    public AuditPackService.Pack pack(Actor actor, SampleId id, PackLanguage language) {
        Sample sample = get(actor, id);
        String digestNow = jdbi.withHandle(handle -> Population.read(handle, sample.schemeId())).digest();
        AuditPackService.Pack pack = packs.write(sample, digestNow, language);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("language", language.code());
        details.put("sha256", pack.sha256());
        details.put("size", pack.size());
        details.put("populationUnchanged", digestNow.equals(sample.dataDigest()));
        try {
            jdbi.useTransaction(handle -> auditLog.append(handle, AuditEvent.of(actor,
                    AuditAction.SAMPLE_PACK_DOWNLOADED, id).scheme(sample.schemeId()).details(details).build()));
        } catch (RuntimeException e) {
            pack.close();
            throw e;
        }
        return pack;
    }

    private static Integer size(Validator validator, Object size) {
        if (size == null) {
            validator.reject("size", "is required");
            return null;
        }
        if (!(size instanceof Integer || size instanceof Long || size instanceof BigInteger)) {
            validator.reject("size", "must be a whole number (a JSON integer) such as 25");
            return null;
        }
        BigInteger value = new BigInteger(size.toString());
        if (value.signum() <= 0) {
            validator.reject("size", "must be at least 1");
            return null;
        }
        if (value.compareTo(BigInteger.valueOf(MAX_SIZE)) > 0) {
            validator.reject("size", "must be at most " + MAX_SIZE);
            return null;
        }
        return value.intValueExact();
    }

    private static Long seed(Validator validator, Object seed) {
        if (seed == null) {
            return null;
        }
        String text;
        if (seed instanceof Integer || seed instanceof Long || seed instanceof BigInteger) {
            text = seed.toString();
        } else if (seed instanceof String string) {
            text = string;
        } else {
            validator.reject("seed", SEED_MESSAGE);
            return null;
        }
        if (!SEED_TEXT.matcher(text).matches()) {
            validator.reject("seed", SEED_MESSAGE);
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            validator.reject("seed", SEED_MESSAGE);
            return null;
        }
    }

    private static void insert(Handle handle, SampleId id, Scheme scheme, int size, long seed, boolean seedGiven,
                               Population population, MonetaryUnitSampling.Selection selection,
                               Optional<Checkpoint> checkpoint, Actor actor, Instant drawnAt) {
        handle.createUpdate("""
                        INSERT INTO samples (id, scheme_id, size, seed, seed_given, method, population_lines,
                                             population_pence, random_start, data_digest, checkpoint_sequence,
                                             drawn_by, drawn_at)
                        VALUES (:id, :schemeId, :size, :seed, :seedGiven, :method, :populationLines,
                                :populationPence, :randomStart, :dataDigest, :checkpointSequence, :drawnBy, :drawnAt)""")
                .bind("id", id.value())
                .bind("schemeId", scheme.id().value())
                .bind("size", size)
                .bind("seed", seed)
                .bind("seedGiven", seedGiven)
                .bind("method", MonetaryUnitSampling.METHOD)
                .bind("populationLines", population.lines().size())
                .bind("populationPence", selection.total())
                .bind("randomStart", selection.randomStart())
                .bind("dataDigest", population.digest())
                .bind("checkpointSequence", checkpoint.map(Checkpoint::sequence).orElse(null))
                .bind("drawnBy", actor.userId().value())
                .bind("drawnAt", drawnAt)
                .execute();
        PreparedBatch lines = handle.prepareBatch("""
                INSERT INTO sample_lines (sample_id, ordinal, claim_id, position, amount_pence, hits, first_unit,
                                          certain)
                VALUES (:sampleId, :ordinal, :claimId, :position, :amountPence, :hits, :firstUnit, :certain)""");
        for (MonetaryUnitSampling.Hit hit : selection.hits()) {
            Population.PopulationLine line = population.lines().get(hit.index());
            lines.bind("sampleId", id.value())
                    .bind("ordinal", hit.index())
                    .bind("claimId", line.claimId())
                    .bind("position", line.position())
                    .bind("amountPence", line.amountPence())
                    .bind("hits", hit.hits())
                    .bind("firstUnit", hit.firstUnit())
                    .bind("certain", selection.certain(line.amountPence()))
                    .add();
        }
        lines.execute();
    }

    private Optional<Sample> load(Handle handle, SampleId id) {
        Optional<Sample> header = handle.createQuery("""
                        SELECT sample.*, scheme.code, scheme.name_en, scheme.name_cy, scheme.financial_year,
                               drawer.username, checkpoint.created_at AS checkpoint_at, checkpoint.key_id
                        FROM samples sample
                        JOIN schemes scheme ON scheme.id = sample.scheme_id
                        JOIN users drawer ON drawer.id = sample.drawn_by
                        LEFT JOIN audit_checkpoints checkpoint ON checkpoint.sequence = sample.checkpoint_sequence
                        WHERE sample.id = :id""")
                .bind("id", id.value())
                .map((row, context) -> {
                    long sequence = row.getLong("checkpoint_sequence");
                    boolean hasCheckpoint = !row.wasNull();
                    return new Sample(id, new SchemeId(row.getObject("scheme_id", UUID.class)), row.getString("code"),
                            row.getString("name_en"), row.getString("name_cy"), row.getString("financial_year"),
                            row.getInt("size"), row.getLong("seed"), row.getBoolean("seed_given"),
                            row.getString("method"), row.getInt("population_lines"),
                            Money.ofPence(row.getLong("population_pence")), row.getLong("random_start"),
                            row.getString("data_digest"),
                            hasCheckpoint ? Optional.of(new Sample.SampleCheckpoint(sequence,
                                    row.getObject("checkpoint_at", OffsetDateTime.class).toInstant(),
                                    row.getString("key_id"), null)) : Optional.empty(),
                            row.getString("username"), row.getObject("drawn_at", OffsetDateTime.class).toInstant(),
                            List.of());
                })
                .findOne();
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Sample sample = header.get();
        Optional<Sample.SampleCheckpoint> checkpoint = sample.checkpoint().map(cited -> new Sample.SampleCheckpoint(
                cited.sequence(), cited.at(), cited.keyId(),
                checkpoints.find(cited.sequence()).map(Checkpoint::digest).orElseThrow()));
        Map<UUID, List<Sample.SampledEvidence>> evidence = evidence(handle, id);
        List<Sample.Line> lines = handle.createQuery("""
                        SELECT sampled.*, line.category, line.description, claim.status, claim.period_start,
                               claim.period_end, claim.award_id, award.amount_pence AS award_pence,
                               award.organisation_id, organisation.code, organisation.name_en, organisation.name_cy
                        FROM sample_lines sampled
                        JOIN claim_lines line ON line.claim_id = sampled.claim_id AND line.position = sampled.position
                        JOIN claims claim ON claim.id = sampled.claim_id
                        JOIN awards award ON award.id = claim.award_id
                        JOIN organisations organisation ON organisation.id = award.organisation_id
                        WHERE sampled.sample_id = :id
                        ORDER BY sampled.ordinal""")
                .bind("id", id.value())
                .map((row, context) -> {
                    UUID claimId = row.getObject("claim_id", UUID.class);
                    return new Sample.Line(row.getInt("ordinal"), new ClaimId(claimId), row.getInt("position"),
                            row.getString("category"), row.getString("description"),
                            Money.ofPence(row.getLong("amount_pence")), row.getInt("hits"), row.getLong("first_unit"),
                            row.getBoolean("certain"), row.getString("status"),
                            row.getObject("period_start", LocalDate.class), row.getObject("period_end", LocalDate.class),
                            new AwardId(row.getObject("award_id", UUID.class)), Money.ofPence(row.getLong("award_pence")),
                            new OrganisationId(row.getObject("organisation_id", UUID.class)), row.getString("code"),
                            row.getString("name_en"), row.getString("name_cy"),
                            evidence.getOrDefault(claimId, List.of()));
                })
                .list();
        return Optional.of(new Sample(sample.id(), sample.schemeId(), sample.schemeCode(), sample.schemeNameEn(),
                sample.schemeNameCy(), sample.financialYear(), sample.size(), sample.seed(), sample.seedGiven(),
                sample.method(), sample.populationLines(), sample.populationValue(), sample.randomStart(),
                sample.dataDigest(), checkpoint, sample.drawnBy(), sample.drawnAt(), lines));
    }

    /** The documents of the sampled lines' claims, oldest first; removed ones are not evidence. */
    private static Map<UUID, List<Sample.SampledEvidence>> evidence(Handle handle, SampleId id) {
        Map<UUID, List<Sample.SampledEvidence>> byClaim = new LinkedHashMap<>();
        handle.createQuery("""
                        SELECT document.*, EXISTS (SELECT 1 FROM evidence later WHERE later.supersedes_id = document.id)
                                           AS superseded
                        FROM evidence document
                        WHERE document.removed_at IS NULL
                          AND document.claim_id IN (SELECT DISTINCT claim_id FROM sample_lines WHERE sample_id = :id)
                        ORDER BY document.uploaded_at, document.id""")
                .bind("id", id.value())
                .map((row, context) -> Map.entry(row.getObject("claim_id", UUID.class), new Sample.SampledEvidence(
                        new EvidenceId(row.getObject("id", UUID.class)), row.getString("title"),
                        row.getString("filename"), row.getString("media_type"), row.getLong("size_bytes"),
                        row.getString("sha256"), row.getObject("uploaded_at", OffsetDateTime.class).toInstant(),
                        row.getBoolean("superseded"))))
                .forEach(entry -> byClaim.computeIfAbsent(entry.getKey(), key -> new ArrayList<>())
                        .add(entry.getValue()));
        return byClaim;
    }
}
