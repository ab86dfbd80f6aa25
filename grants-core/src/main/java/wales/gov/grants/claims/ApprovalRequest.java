package wales.gov.grants.claims;

/**
 * The optional body of an approval, as the client sent it. {@code acknowledgeWarnings} with a {@code reason}
 * accepts the claim's double-funding warnings (required when it has any); {@code onBehalfOf} names the finance
 * officer whose delegation to the approver is in force today, and the approval then records both people.
 */
public record ApprovalRequest(Boolean acknowledgeWarnings, String reason, String onBehalfOf) {
    /** An approval in the approver's own right, acknowledging nothing: what every caller before warnings sent. */
    public static final ApprovalRequest PLAIN = new ApprovalRequest(null, null, null);

    public boolean acknowledges() {
        return Boolean.TRUE.equals(acknowledgeWarnings);
    }
}
