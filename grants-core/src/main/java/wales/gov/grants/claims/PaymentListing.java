package wales.gov.grants.claims;

import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.SchemeId;

import static java.util.Objects.requireNonNull;

/** A payment in the payments list, with the award, scheme and organisation its claim belongs to. */
public record PaymentListing(Payment payment, AwardId awardId, SchemeId schemeId, OrganisationId organisationId) {
    public PaymentListing {
        requireNonNull(payment, "payment is null");
        requireNonNull(awardId, "awardId is null");
        requireNonNull(schemeId, "schemeId is null");
        requireNonNull(organisationId, "organisationId is null");
    }
}
