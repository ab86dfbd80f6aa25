package wales.gov.grants.packs;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One certification check's outcome, with its reason as a message key and the values it names (money, dates,
 * claim references), so that the pack words it in its own language.
 */
public record CheckResult(CertificationCheck check, boolean passed, String reasonKey, List<Object> arguments) {
    public CheckResult {
        requireNonNull(check, "check is null");
        requireNonNull(reasonKey, "reasonKey is null");
        arguments = List.copyOf(arguments);
    }

    static CheckResult pass(CertificationCheck check, String reasonKey, Object... arguments) {
        return new CheckResult(check, true, reasonKey, List.of(arguments));
    }

    static CheckResult fail(CertificationCheck check, String reasonKey, Object... arguments) {
        return new CheckResult(check, false, reasonKey, List.of(arguments));
    }
}
