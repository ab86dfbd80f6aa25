package wales.gov.grants.audit;

import java.util.List;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterRowMapper(RecordedEventMapper.class)
public interface AuditDao {
    /**
     * The audit log runs this on the caller's handle directly rather than through a SQL Object method: every change
     * appends an event, and attaching a SQL Object costs more than the insert. Named in a comment as the template
     * engine names SQL Object statements.
     */
    String INSERT = """
            /* AuditDao.insert */
            INSERT INTO audit_events (occurred_at, actor_user_id, actor_username, actor_role, actor_organisation_id,
                                      action, object_type, object_id, scheme_id, award_id,
                                      before_state, after_state, details, client_address)
            VALUES (:occurredAt, :actorUserId, :actorUsername, :actorRole, :actorOrganisationId,
                    :action, :objectType, :objectId, :schemeId, :awardId,
                    CAST(:before AS jsonb), CAST(:after AS jsonb), CAST(:details AS jsonb), :clientAddress)""";

    @SqlQuery("SELECT count(*) FROM audit_events WHERE action = :action")
    long countByAction(@Bind("action") String action);

    /** An award's audit trail, oldest first: the award's own events and those of its claims, evidence and money. */
    @SqlQuery("SELECT * FROM audit_events WHERE award_id = :awardId ORDER BY id LIMIT :limit OFFSET :offset")
    List<RecordedEvent> forAward(@Bind("awardId") UUID awardId, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM audit_events WHERE award_id = :awardId")
    long countForAward(@Bind("awardId") UUID awardId);
}
