package wales.gov.grants.schemes;

/** A grant manager's request for a scheme, as received: every field is checked by {@link SchemeService}. */
public record NewScheme(
        String code,
        String nameEn,
        String nameCy,
        String financialYear,
        String budget,
        String dualApprovalThreshold) {
}
