package wales.gov.grants.claims;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.Money;

import static java.util.Objects.requireNonNull;

/** Money paid to the recipient against an approved claim. */
public record Payment(UUID id, ClaimId claimId, Money amount, LocalDate paidOn, String reference,
                      String recordedBy, Instant recordedAt) {
    public Payment {
        requireNonNull(id, "id is null");
        requireNonNull(claimId, "claimId is null");
        requireNonNull(amount, "amount is null");
        requireNonNull(paidOn, "paidOn is null");
        requireNonNull(reference, "reference is null");
        requireNonNull(recordedBy, "recordedBy is null");
        requireNonNull(recordedAt, "recordedAt is null");
    }
}
