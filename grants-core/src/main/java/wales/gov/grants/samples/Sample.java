package wales.gov.grants.samples;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.EvidenceId;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.SchemeId;

import static java.util.Objects.requireNonNull;

/**
 * A drawn sample and what it was drawn from: the population's digest (SHA-256 of its canonical JSON, see
 * {@link Population}) and the latest signed audit checkpoint when it was drawn. The lines are in population order.
 */
public record Sample(SampleId id, SchemeId schemeId, String schemeCode, String schemeNameEn, String schemeNameCy,
                     String financialYear, int size, long seed, boolean seedGiven, String method,
                     int populationLines, Money populationValue, long randomStart, String dataDigest,
                     Optional<SampleCheckpoint> checkpoint, String drawnBy, Instant drawnAt, List<Line> lines) {
    public Sample {
        requireNonNull(id, "id is null");
        requireNonNull(schemeId, "schemeId is null");
        requireNonNull(dataDigest, "dataDigest is null");
        requireNonNull(checkpoint, "checkpoint is null");
        lines = List.copyOf(lines);
    }

    /** The sampling interval, population value / size, to the penny below. */
    public Money samplingInterval() {
        return Money.ofPence(populationValue.pence() / size);
    }

    /** The checkpoint the sample cites: the latest one signed when it was drawn. */
    public record SampleCheckpoint(long sequence, Instant at, String keyId, String digest) {
    }

    /**
     * One sampled line with its claim, award, organisation and evidence as they are now (the amount is as drawn).
     *
     * @param hits how many selected pennies fell in the line (a line at least the interval may hold several)
     * @param firstUnit the first selected penny in the line, counted from the population's start
     * @param certain the line is at least the sampling interval, so every random start selects it
     */
    public record Line(int ordinal, ClaimId claimId, int position, String category, String description, Money amount,
                       int hits, long firstUnit, boolean certain, String claimStatus, LocalDate periodStart,
                       LocalDate periodEnd, AwardId awardId, Money awardAmount, OrganisationId organisationId,
                       String organisationCode, String organisationNameEn, String organisationNameCy,
                       List<SampledEvidence> evidence) {
        public Line {
            evidence = List.copyOf(evidence);
        }
    }

    /** A document of the line's claim; removed documents are left out. */
    public record SampledEvidence(EvidenceId id, String title, String filename, String mediaType, long size,
                                  String sha256, Instant uploadedAt, boolean superseded) {
    }
}
