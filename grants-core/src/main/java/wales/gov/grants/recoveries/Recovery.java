package wales.gov.grants.recoveries;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.MoneyMovement;
import wales.gov.grants.kernel.RuleViolationException;

import static java.util.Objects.requireNonNull;

/** Money owed back by a recipient, raised by an adjustment below what was paid or at close; receipts settle it. */
public record Recovery(
        UUID id,
        AwardId awardId,
        ClaimId claimId,
        Money amount,
        Money received,
        String reason,
        String raisedBy,
        Instant raisedAt,
        List<Receipt> receipts) {
    public Recovery {
        requireNonNull(id, "id is null");
        requireNonNull(awardId, "awardId is null");
        requireNonNull(amount, "amount is null");
        requireNonNull(received, "received is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(raisedBy, "raisedBy is null");
        requireNonNull(raisedAt, "raisedAt is null");
        receipts = List.copyOf(receipts);
    }

    public Recovery withReceipts(List<Receipt> newReceipts) {
        return new Recovery(id, awardId, claimId, amount, received, reason, raisedBy, raisedAt, newReceipts);
    }

    public Optional<ClaimId> claim() {
        return Optional.ofNullable(claimId);
    }

    public Money outstanding() {
        return amount.minusOrZero(received);
    }

    public boolean isOpen() {
        return !outstanding().isZero();
    }

    /** A receipt is dated neither in the future nor before the recovery was raised, and never exceeds what is owed. */
    public void checkReceipt(MoneyMovement receipt, LocalDate today) {
        receipt.checkDated("receivedOn", today, raisedAt, "the recovery was raised");
        if (receipt.amount().isGreaterThan(outstanding())) {
            throw new RuleViolationException("receipt-exceeds-outstanding", "a receipt of " + receipt.amount()
                    + " is more than the " + outstanding() + " still owed");
        }
    }

    /** Money received back against a recovery. */
    public record Receipt(UUID id, Money amount, LocalDate receivedOn, String reference, String recordedBy,
                          Instant recordedAt) {
        public Receipt {
            requireNonNull(id, "id is null");
            requireNonNull(amount, "amount is null");
            requireNonNull(receivedOn, "receivedOn is null");
            requireNonNull(reference, "reference is null");
            requireNonNull(recordedBy, "recordedBy is null");
            requireNonNull(recordedAt, "recordedAt is null");
        }
    }
}
