package wales.gov.grants.recoveries;

/** Money received back against a recovery, as received: checked by {@link RecoveryService}. */
public record NewReceipt(String amount, String receivedOn, String reference) {
}
