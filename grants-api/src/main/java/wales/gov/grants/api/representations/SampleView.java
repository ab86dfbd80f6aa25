package wales.gov.grants.api.representations;

import java.util.List;

import wales.gov.grants.samples.Sample;

/**
 * A sample as the API shows it. {@code seed} is a string of digits (a 64-bit integer is beyond the numbers a
 * JavaScript client reads exactly); {@code dataDigest} and {@code checkpoint} say which data it was drawn from.
 */
public record SampleView(
        String id,
        String schemeId,
        String method,
        int size,
        String seed,
        boolean seedGiven,
        int populationLines,
        String populationValue,
        String samplingInterval,
        long randomStart,
        String dataDigest,
        CheckpointView checkpoint,
        String drawnBy,
        String drawnAt,
        int linesSelected,
        List<LineView> lines,
        String pack) {

    public record CheckpointView(long sequence, String at, String keyId, String digest) {
    }

    /** One sampled line; {@code amount} is the line's amount when the sample was drawn. */
    public record LineView(int ordinal, ClaimRef claim, int position, String category, String description,
                           String amount, int hits, long firstUnit, boolean certain, AwardRef award,
                           OrganisationRef organisation, List<EvidenceRef> evidence) {
    }

    public record ClaimRef(String id, String status, String periodStart, String periodEnd) {
    }

    public record AwardRef(String id, String amount) {
    }

    public record OrganisationRef(String id, String code, String nameEn, String nameCy) {
    }

    public record EvidenceRef(String id, String title, String filename, String mediaType, long size, String sha256,
                              String uploadedAt, boolean superseded, String content) {
    }

    public static SampleView of(Sample sample) {
        List<LineView> lines = sample.lines().stream().map(line -> new LineView(line.ordinal(),
                new ClaimRef(line.claimId().toString(), line.claimStatus(), line.periodStart().toString(),
                        line.periodEnd().toString()),
                line.position(), line.category(), line.description(), line.amount().toDecimalString(), line.hits(),
                line.firstUnit(), line.certain(),
                new AwardRef(line.awardId().toString(), line.awardAmount().toDecimalString()),
                new OrganisationRef(line.organisationId().value().toString(), line.organisationCode(),
                        line.organisationNameEn(), line.organisationNameCy()),
                line.evidence().stream().map(evidence -> new EvidenceRef(evidence.id().toString(), evidence.title(),
                        evidence.filename(), evidence.mediaType(), evidence.size(), evidence.sha256(),
                        evidence.uploadedAt().toString(), evidence.superseded(),
                        "/api/v1/evidence/" + evidence.id() + "/content")).toList())).toList();
        return new SampleView(sample.id().toString(), sample.schemeId().toString(), sample.method(), sample.size(),
                Long.toString(sample.seed()), sample.seedGiven(), sample.populationLines(),
                sample.populationValue().toDecimalString(), sample.samplingInterval().toDecimalString(),
                sample.randomStart(), sample.dataDigest(),
                sample.checkpoint().map(checkpoint -> new CheckpointView(checkpoint.sequence(),
                        checkpoint.at().toString(), checkpoint.keyId(), checkpoint.digest())).orElse(null),
                sample.drawnBy(), sample.drawnAt().toString(), lines.size(), lines,
                "/api/v1/samples/" + sample.id() + "/pack");
    }
}
