package wales.gov.grants.delegations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import wales.gov.grants.kernel.UserId;

import static wales.gov.grants.database.Columns.date;
import static wales.gov.grants.database.Columns.instant;
import static wales.gov.grants.database.Columns.uuid;

@RegisterRowMapper(DelegationDao.DelegationMapper.class)
public interface DelegationDao {
    String SELECT = """
            SELECT delegations.*, delegators.username AS delegator_username, delegates.username AS delegate_username,
                   revokers.username AS revoked_by_username
            FROM delegations
            JOIN users delegators ON delegators.id = delegations.delegator_id
            JOIN users delegates ON delegates.id = delegations.delegate_id
            LEFT JOIN users revokers ON revokers.id = delegations.revoked_by
            """;

    @SqlUpdate("""
            INSERT INTO delegations (id, delegator_id, delegate_id, starts_on, ends_on, reason, created_at)
            VALUES (:id, :delegatorId, :delegateId, :from, :to, :reason, :at)""")
    void insert(@Bind("id") UUID id, @Bind("delegatorId") UUID delegatorId, @Bind("delegateId") UUID delegateId,
                @Bind("from") LocalDate from, @Bind("to") LocalDate to, @Bind("reason") String reason,
                @Bind("at") Instant at);

    @SqlQuery(SELECT + " WHERE delegations.id = :id")
    Optional<Delegation> find(@Bind("id") UUID id);

    @SqlQuery(SELECT + " WHERE delegations.id = :id FOR UPDATE OF delegations")
    Optional<Delegation> findForUpdate(@Bind("id") UUID id);

    /** The delegator's live delegations whose period meets from..to. */
    @SqlQuery(SELECT + """
             WHERE delegations.delegator_id = :delegatorId AND delegations.revoked_at IS NULL
              AND delegations.starts_on <= :to AND delegations.ends_on >= :from
            ORDER BY delegations.starts_on""")
    List<Delegation> overlapping(@Bind("delegatorId") UUID delegatorId, @Bind("from") LocalDate from,
                                 @Bind("to") LocalDate to);

    /** The delegator's delegation to the delegate in force on {@code day}, if any. */
    @SqlQuery(SELECT + """
             WHERE delegations.delegator_id = :delegatorId AND delegations.delegate_id = :delegateId
              AND delegations.revoked_at IS NULL AND delegations.starts_on <= :day AND delegations.ends_on >= :day""")
    Optional<Delegation> activeOn(@Bind("delegatorId") UUID delegatorId, @Bind("delegateId") UUID delegateId,
                                  @Bind("day") LocalDate day);

    /** Newest first; with a user, only the delegations that user gave or received. */
    @SqlQuery(SELECT + """
             WHERE CAST(:userId AS uuid) IS NULL OR delegations.delegator_id = :userId
                OR delegations.delegate_id = :userId
            ORDER BY delegations.created_at DESC, delegations.id LIMIT :limit OFFSET :offset""")
    List<Delegation> page(@Bind("userId") UUID userId, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("""
            SELECT count(*) FROM delegations WHERE CAST(:userId AS uuid) IS NULL
                OR delegations.delegator_id = :userId OR delegations.delegate_id = :userId""")
    long count(@Bind("userId") UUID userId);

    @SqlUpdate("UPDATE delegations SET revoked_by = :by, revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
    int revoke(@Bind("id") UUID id, @Bind("by") UUID by, @Bind("at") Instant at);

    final class DelegationMapper implements RowMapper<Delegation> {
        @Override
        public Delegation map(ResultSet row, StatementContext context) throws SQLException {
            return new Delegation(uuid(row, "id"), new UserId(uuid(row, "delegator_id")),
                    row.getString("delegator_username"), new UserId(uuid(row, "delegate_id")),
                    row.getString("delegate_username"), date(row, "starts_on"), date(row, "ends_on"),
                    row.getString("reason"), instant(row, "created_at"), row.getString("revoked_by_username"),
                    instant(row, "revoked_at"));
        }
    }
}
