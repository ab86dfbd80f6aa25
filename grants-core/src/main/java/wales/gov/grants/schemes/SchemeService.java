package wales.gov.grants.schemes;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.FinancialYear;
import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.Validator;

import static java.util.Objects.requireNonNull;

public final class SchemeService {
    static final String CODE_PATTERN = "^[A-Z0-9][A-Z0-9_-]{1,31}$";

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final Clock clock;

    public SchemeService(Jdbi jdbi, AuditLog auditLog, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Scheme create(Actor actor, NewScheme request) {
        actor.requireRole(Role.GRANT_MANAGER);
        Validator validator = new Validator();
        String code = validator.text("code", request.code(), 32);
        if (code != null) {
            validator.check(code.matches(CODE_PATTERN), "code",
                    "must be 2 to 32 capital letters, digits, '-' or '_', such as \"SDDF\"");
        }
        String nameEn = validator.text("nameEn", request.nameEn(), 200);
        String nameCy = validator.text("nameCy", request.nameCy(), 200);
        FinancialYear financialYear = validator.financialYear("financialYear", request.financialYear());
        Money budget = validator.positiveMoney("budget", request.budget());
        Money threshold = validator.positiveMoney("dualApprovalThreshold", request.dualApprovalThreshold());
        validator.throwIfInvalid();

        return jdbi.inTransaction(handle -> {
            SchemeDao schemes = handle.attach(SchemeDao.class);
            UUID id = schemes.insertIfAbsent(code, nameEn, nameCy, financialYear.toString(), budget.pence(),
                            threshold.pence(), actor.userId().value(), clock.instant())
                    .orElseThrow(() -> new StateConflictException("a scheme with code " + code
                            + " already exists for " + financialYear));
            Scheme scheme = schemes.find(id).orElseThrow();
            auditLog.append(handle, AuditEvent.of(actor, AuditAction.SCHEME_CREATED, scheme.id())
                    .scheme(scheme.id())
                    .after(state(scheme))
                    .build());
            return scheme;
        });
    }

    public Page<Scheme> list(Actor actor, String financialYear, Page.Request page) {
        requireNonNull(actor, "actor is null");
        String filter = null;
        if (financialYear != null) {
            Validator validator = new Validator();
            FinancialYear year = validator.financialYear("financialYear", financialYear);
            validator.throwIfInvalid();
            filter = year.toString();
        }
        String yearFilter = filter;
        return jdbi.withHandle(handle -> {
            SchemeDao schemes = handle.attach(SchemeDao.class);
            return new Page<>(schemes.page(yearFilter, page.limit(), page.offset()), schemes.count(yearFilter),
                    page.limit(), page.offset());
        });
    }

    public Scheme get(Actor actor, SchemeId id) {
        requireNonNull(actor, "actor is null");
        return jdbi.withExtension(SchemeDao.class, schemes -> schemes.find(id.value()))
                .orElseThrow(() -> new NotFoundException("scheme", id.toString()));
    }

    /** The scheme with {@code code} in {@code financialYear}, if there is one (codes are unique per year). */
    public Optional<Scheme> findByCode(Actor actor, String code, FinancialYear financialYear) {
        requireNonNull(actor, "actor is null");
        return jdbi.withExtension(SchemeDao.class, schemes -> schemes.findByCode(code, financialYear.toString()));
    }

    static Map<String, Object> state(Scheme scheme) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("code", scheme.code());
        state.put("nameEn", scheme.nameEn());
        state.put("nameCy", scheme.nameCy());
        state.put("financialYear", scheme.financialYear().toString());
        state.put("budget", scheme.budget().toDecimalString());
        state.put("dualApprovalThreshold", scheme.dualApprovalThreshold().toDecimalString());
        return state;
    }
}
