package wales.gov.grants.organisations;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.text.Normalizer;
import java.util.List;

import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.NotFoundException;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.Page;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.StateConflictException;
import wales.gov.grants.kernel.Validator;

import static java.util.Objects.requireNonNull;

/**
 * The register of organisations that receive grants; names and codes are public, so every user may read it.
 * Administrators add organisations and correct their names; a code (such as an ONS code) and a type never change,
 * because awards, imports and exports identify an organisation by them.
 */
public final class OrganisationService {
    static final String CODE_PATTERN = "^[A-Z0-9][A-Z0-9_-]{1,31}$";
    private static final int MAX_NAME_LENGTH = 200;

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final Clock clock;

    public OrganisationService(Jdbi jdbi, AuditLog auditLog, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Page<Organisation> list(Actor actor, Page.Request page) {
        requireNonNull(actor, "actor is null");
        return jdbi.withExtension(OrganisationDao.class, organisations -> new Page<>(
                organisations.page(page.limit(), page.offset()), organisations.count(), page.limit(), page.offset()));
    }

    /**
     * The organisations that {@code codeOrName} names: its code, or its English or Welsh name exactly, compared after
     * Unicode NFC normalisation (so "ŵ" written as "w" and a combining circumflex matches the single character "ŵ";
     * a plain "w" does not).
     * Usually one; none if nothing matches; more than one if a name is shared.
     */
    public List<Organisation> findByCodeOrName(Actor actor, String codeOrName) {
        requireNonNull(actor, "actor is null");
        String key = Normalizer.normalize(codeOrName.strip(), Normalizer.Form.NFC);
        return jdbi.withExtension(OrganisationDao.class, organisations -> organisations.findByCodeOrName(key));
    }

    public Organisation get(Actor actor, OrganisationId id) {
        requireNonNull(actor, "actor is null");
        return jdbi.withExtension(OrganisationDao.class, organisations -> organisations.find(id.value()))
                .orElseThrow(() -> new NotFoundException("organisation", id.toString()));
    }

    /** @throws StateConflictException if another organisation has the code */
    public Organisation create(Actor administrator, NewOrganisation request) {
        administrator.requireRole(Role.ADMIN);
        Validator validator = new Validator();
        String code = validator.line("code", request.code(), 32);
        if (code != null) {
            validator.check(code.matches(CODE_PATTERN), "code",
                    "must be 2 to 32 capital letters, digits, '-' or '_', such as \"W06000015\"");
        }
        String nameEn = validator.line("nameEn", request.nameEn(), MAX_NAME_LENGTH);
        String nameCy = validator.line("nameCy", request.nameCy(), MAX_NAME_LENGTH);
        OrganisationType type = request.type() == null ? validator.required("type", null)
                : validator.optionalEnum("type", request.type(), OrganisationType.class);
        validator.throwIfInvalid();
        return jdbi.inTransaction(handle -> {
            OrganisationDao organisations = handle.attach(OrganisationDao.class);
            UUID id = organisations.insert(code, nameEn, nameCy, type.name(), clock.instant())
                    .orElseThrow(() -> new StateConflictException(
                            "an organisation with code " + code + " already exists"));
            Organisation organisation = organisations.find(id).orElseThrow();
            auditLog.append(handle, AuditEvent.of(administrator, AuditAction.ORGANISATION_CREATED, organisation.id())
                    .after(state(organisation))
                    .build());
            return organisation;
        });
    }

    /** Changes the names given; a change that leaves both as they were records nothing. */
    public Organisation rename(Actor administrator, OrganisationId id, OrganisationNames names) {
        administrator.requireRole(Role.ADMIN);
        Validator validator = new Validator();
        String nameEn = names.nameEn() == null ? null : validator.line("nameEn", names.nameEn(), MAX_NAME_LENGTH);
        String nameCy = names.nameCy() == null ? null : validator.line("nameCy", names.nameCy(), MAX_NAME_LENGTH);
        validator.throwIfInvalid();
        return jdbi.inTransaction(handle -> {
            OrganisationDao organisations = handle.attach(OrganisationDao.class);
            Organisation before = organisations.findForUpdate(id.value())
                    .orElseThrow(() -> new NotFoundException("organisation", id.toString()));
            String newEn = nameEn == null ? before.nameEn() : nameEn;
            String newCy = nameCy == null ? before.nameCy() : nameCy;
            if (newEn.equals(before.nameEn()) && newCy.equals(before.nameCy())) {
                return before;
            }
            organisations.rename(id.value(), newEn, newCy);
            Organisation after = organisations.find(id.value()).orElseThrow();
            auditLog.append(handle, AuditEvent.of(administrator, AuditAction.ORGANISATION_RENAMED, id)
                    .before(names(before))
                    .after(names(after))
                    .build());
            return after;
        });
    }

    private static Map<String, Object> state(Organisation organisation) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("code", organisation.code());
        state.putAll(names(organisation));
        state.put("type", organisation.type().name());
        return state;
    }

    private static Map<String, Object> names(Organisation organisation) {
        Map<String, Object> names = new LinkedHashMap<>();
        names.put("nameEn", organisation.nameEn());
        names.put("nameCy", organisation.nameCy());
        return names;
    }
}
