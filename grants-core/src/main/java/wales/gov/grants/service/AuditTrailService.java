package wales.gov.grants.service;

import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.RecordedEvent;
import wales.gov.grants.db.AuditDao;
import wales.gov.grants.domain.Actor;
import wales.gov.grants.domain.Award;
import wales.gov.grants.domain.Page;

import static java.util.Objects.requireNonNull;

/** Reads the audit trail; anyone who may see an award may see its trail, and nobody may change it. */
public final class AuditTrailService {
    private final Jdbi jdbi;

    public AuditTrailService(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    public Page<RecordedEvent> forAward(Actor actor, String awardId, Page.Request page) {
        return jdbi.inTransaction(handle -> {
            Award award = AwardService.visible(handle, actor, awardId, false);
            AuditDao events = handle.attach(AuditDao.class);
            return new Page<>(events.forAward(award.id().value(), page.limit(), page.offset()),
                    events.countForAward(award.id().value()), page.limit(), page.offset());
        });
    }
}
