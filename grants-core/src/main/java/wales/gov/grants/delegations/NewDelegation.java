package wales.gov.grants.delegations;

/** A request to delegate: as the client sent it, validated by {@link DelegationService}. */
public record NewDelegation(String delegateId, String from, String to, String reason) {
}
