package wales.gov.grants.awards;

import org.jdbi.v3.core.Jdbi;
import wales.gov.grants.audit.AuditDao;
import wales.gov.grants.audit.ChainedEvent;
import wales.gov.grants.audit.RecordedEvent;
import wales.gov.grants.kernel.Actor;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.Page;

import static java.util.Objects.requireNonNull;

/** Reads the audit trail; anyone who may see an award may see its trail, and nobody may change it. */
public final class AuditTrailService {
    private final Jdbi jdbi;
    private final AwardAccess access;

    public AuditTrailService(Jdbi jdbi, AwardAccess access) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.access = requireNonNull(access, "access is null");
    }

    public Page<RecordedEvent> forAward(Actor actor, AwardId awardId, Page.Request page) {
        return jdbi.inTransaction(handle -> {
            Award award = access.visible(handle, actor, awardId);
            AuditDao events = handle.attach(AuditDao.class);
            return new Page<>(events.forAward(award.id().value(), page.limit(), page.offset()).stream()
                    .map(event -> event.visibleTo(actor)).toList(),
                    events.countForAward(award.id().value()), page.limit(), page.offset());
        });
    }

    /**
     * The award's own audit chain with each event's position and hash, by position, for those who may see the award:
     * what the verifier and the pack check, page by page.
     */
    public Page<ChainedEvent> chainForAward(Actor actor, AwardId awardId, Page.Request page) {
        return jdbi.inTransaction(handle -> {
            Award award = access.visible(handle, actor, awardId);
            String chainId = ChainedEvent.chainOf(award.id().value());
            java.util.List<ChainedEvent> events = handle.createQuery("""
                            SELECT * FROM audit_events WHERE chain_id = :chainId ORDER BY chain_position
                            LIMIT :limit OFFSET :offset""")
                    .bind("chainId", chainId).bind("limit", page.limit()).bind("offset", page.offset())
                    .map(new ChainedEvent.Mapper()).list();
            long total = handle.createQuery("SELECT count(*) FROM audit_events WHERE chain_id = :chainId")
                    .bind("chainId", chainId).mapTo(Long.class).one();
            return new Page<>(events, total, page.limit(), page.offset());
        });
    }
}
