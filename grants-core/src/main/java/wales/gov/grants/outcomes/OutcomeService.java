package wales.gov.grants.outcomes;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditAction;
import wales.gov.grants.audit.AuditEvent;
import wales.gov.grants.audit.AuditLog;
import wales.gov.grants.awards.Award;
import wales.gov.grants.awards.AwardAccess;
import wales.gov.grants.awards.OutcomeTarget;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.Role;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.kernel.Validator;
import wales.gov.grants.schemes.Scheme;
import wales.gov.grants.schemes.SchemeDao;

import static java.util.Objects.requireNonNull;

/** Outcome figures that recipients report against their awards' targets. */
public final class OutcomeService {
    private static final BigDecimal MAX_VALUE = new BigDecimal("99999999999999.99");

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final AwardAccess access;
    private final Clock clock;

    public OutcomeService(Jdbi jdbi, AuditLog auditLog, AwardAccess access, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Records a figure for the period ending {@code periodEnd}, which must fall in the scheme's financial year and
     * not in the future. Reporting a period again corrects it; the earlier figure stays in the history.
     */
    public OutcomeReport report(Actor actor, AwardId awardId, NewOutcomeReport request) {
        actor.requireRole(Role.RECIPIENT);
        Validator validator = new Validator();
        String measure = validator.text("measure", request.measure(), 64);
        LocalDate periodEnd = validator.date("periodEnd", request.periodEnd());
        BigDecimal value = validator.required("value", request.value());
        if (value != null) {
            validator.check(value.signum() >= 0, "value", "must not be negative");
            validator.check(value.stripTrailingZeros().scale() <= 2, "value", "must have at most two decimal places");
            validator.check(value.compareTo(MAX_VALUE) <= 0, "value", "is too large");
        }
        String note = request.note() == null || request.note().isBlank()
                ? null : validator.text("note", request.note(), 2000);
        validator.throwIfInvalid();

        return jdbi.inTransaction(handle -> {
            Award award = access.visibleWithDetails(handle, actor, awardId, true);
            award.requireActive("report an outcome");
            OutcomeDao outcomes = handle.attach(OutcomeDao.class);
            UUID targetId = outcomes.targetId(award.id().value(), measure).orElseThrow(() -> ValidationException.of(
                    "measure", "is not one of this award's target measures " + award.outcomeTargets().stream()
                            .map(OutcomeTarget::measure).toList()));
            Scheme scheme = handle.attach(SchemeDao.class).find(award.schemeId().value()).orElseThrow();
            if (!scheme.financialYear().contains(periodEnd)) {
                throw ValidationException.of("periodEnd", "must fall in the award's financial year "
                        + scheme.financialYear() + " (" + scheme.financialYear().firstDay() + " to "
                        + scheme.financialYear().lastDay() + ")");
            }
            if (periodEnd.isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
                throw ValidationException.of("periodEnd", "must not be in the future");
            }
            UUID id = UUID.randomUUID();
            outcomes.insert(id, award.id().value(), targetId, periodEnd, value, note, actor.userId().value(),
                    clock.instant());
            OutcomeReport report = outcomes.find(id).orElseThrow();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("measure", measure);
            after.put("periodEnd", periodEnd.toString());
            after.put("value", value.toPlainString());
            after.put("note", note);
            auditLog.append(handle, AuditEvent.of(actor, AuditAction.OUTCOME_REPORTED, id)
                    .scheme(award.schemeId())
                    .award(award.id())
                    .after(after)
                    .build());
            return report;
        });
    }

    /**
     * Refuses, before a form is filled in, what {@link #report} would refuse whatever the figure: the role, the
     * award (another organisation's is "not found") and its status.
     *
     * @return the award, with its targets
     */
    public Award checkReport(Actor actor, AwardId awardId) {
        actor.requireRole(Role.RECIPIENT);
        Award award = jdbi.inTransaction(handle -> access.visibleWithDetails(handle, actor, awardId, false));
        award.requireActive("report an outcome");
        return award;
    }

    /** Every target of the award with its reports, total and variance, in the award's order of targets. */
    public List<OutcomeProgress> progress(Actor actor, AwardId awardId) {
        return jdbi.inTransaction(handle -> progress(handle, access.visibleWithDetails(handle, actor, awardId, false)));
    }

    /** {@link #progress(Actor, AwardId)} in the caller's transaction, for an award it may see, with its targets. */
    public List<OutcomeProgress> progress(Handle handle, Award award) {
        List<OutcomeReport> reports = handle.attach(OutcomeDao.class).reports(award.id().value());
        return award.outcomeTargets().stream()
                .map(target -> new OutcomeProgress(target, reports.stream()
                        .filter(report -> report.measure().equals(target.measure()))
                        .toList()))
                .toList();
    }
}
