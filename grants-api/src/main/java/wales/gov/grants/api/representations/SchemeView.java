package wales.gov.grants.api.representations;

import wales.gov.grants.schemes.Scheme;

/** A scheme as the API shows it; amounts are decimal strings in pounds. */
public record SchemeView(
        String id,
        String code,
        String nameEn,
        String nameCy,
        String financialYear,
        String budget,
        String dualApprovalThreshold,
        String allocated,
        String unallocated,
        String approved,
        String paid,
        String createdAt) {
    public static SchemeView of(Scheme scheme) {
        return new SchemeView(scheme.id().toString(), scheme.code(), scheme.nameEn(), scheme.nameCy(),
                scheme.financialYear().toString(), scheme.budget().toDecimalString(),
                scheme.dualApprovalThreshold().toDecimalString(), scheme.allocated().toDecimalString(),
                scheme.unallocated().toDecimalString(), scheme.approved().toDecimalString(),
                scheme.paid().toDecimalString(), scheme.createdAt().toString());
    }
}
