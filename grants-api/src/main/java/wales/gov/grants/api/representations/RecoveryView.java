package wales.gov.grants.api.representations;

import java.util.List;

import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.recoveries.Recovery;

/** Money owed back: OPEN while anything is outstanding, then SETTLED; with the receipts recorded against it. */
public record RecoveryView(String id, String awardId, String claimId, String status, String amount, String received,
                           String outstanding, String reason, String raisedBy, String raisedAt,
                           List<ReceiptView> receipts) {

    public record ReceiptView(String id, String amount, String receivedOn, String reference, String recordedBy,
                              String recordedAt) {
        static ReceiptView of(Recovery.Receipt receipt) {
            return new ReceiptView(receipt.id().toString(), receipt.amount().toDecimalString(),
                    receipt.receivedOn().toString(), receipt.reference(), receipt.recordedBy(),
                    receipt.recordedAt().toString());
        }
    }

    public static RecoveryView of(Recovery recovery) {
        return new RecoveryView(recovery.id().toString(), recovery.awardId().toString(),
                recovery.claim().map(ClaimId::toString).orElse(null), recovery.isOpen() ? "OPEN" : "SETTLED",
                recovery.amount().toDecimalString(), recovery.received().toDecimalString(),
                recovery.outstanding().toDecimalString(), recovery.reason(), recovery.raisedBy(),
                recovery.raisedAt().toString(), recovery.receipts().stream().map(ReceiptView::of).toList());
    }
}
