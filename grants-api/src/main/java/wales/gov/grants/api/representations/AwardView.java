package wales.gov.grants.api.representations;

import java.time.Instant;
import java.util.List;

import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.OutcomeTarget;

/** An award as the API shows it; amounts are decimal strings in pounds, times ISO-8601 UTC. */
public record AwardView(
        String id,
        String schemeId,
        String organisationId,
        String status,
        String amount,
        String claimed,
        String approved,
        String paid,
        String recovered,
        String remaining,
        String underspend,
        List<String> conditions,
        List<TargetView> outcomeTargets,
        String createdAt,
        String offeredAt,
        String acceptedAt,
        String withdrawnAt,
        String closedAt) {

    public record TargetView(String measure, String description, Number target) {
        static TargetView of(OutcomeTarget target) {
            return new TargetView(target.measure(), target.description(), new java.math.BigDecimal(target.target().stripTrailingZeros().toPlainString()));
        }
    }

    public static AwardView of(Award award) {
        return new AwardView(award.id().toString(), award.schemeId().toString(), award.organisationId().toString(),
                award.status().name(), award.amount().toDecimalString(), award.claimed().toDecimalString(),
                award.approved().toDecimalString(), award.paid().toDecimalString(),
                award.recovered().toDecimalString(), award.remaining().toDecimalString(),
                award.underspendAtClose().map(money -> money.toDecimalString()).orElse(null), award.conditions(),
                award.outcomeTargets().stream().map(TargetView::of).toList(), text(award.createdAt()),
                text(award.offeredAt()), text(award.acceptedAt()), text(award.withdrawnAt()), text(award.closedAt()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
