package wales.gov.grants.recoveries;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(RecoveryMappers.RecoveryMapper.class)
@RegisterRowMapper(RecoveryMappers.ReceiptRowMapper.class)
@RegisterRowMapper(RecoveryMappers.AwardAccountMapper.class)
public interface RecoveryDao {
    String SELECT_RECOVERY = """
            SELECT recoveries.*, users.username AS raised_by_username
            FROM recoveries JOIN users ON users.id = recoveries.raised_by""";

    /** Locks an award's row, as every change to its money does first, and reads its account. */
    @SqlQuery("""
            SELECT id, scheme_id, amount_pence, approved_pence, paid_pence, recovered_pence
            FROM awards WHERE id = :awardId FOR UPDATE""")
    Optional<AwardAccount> lockAccount(@Bind("awardId") UUID awardId);

    @SqlQuery(SELECT_RECOVERY + " WHERE recoveries.id = :id")
    Optional<Recovery> find(@Bind("id") UUID id);

    /** Locks the recovery row. Take the award's lock first, as for every change to money. */
    @SqlQuery(SELECT_RECOVERY + " WHERE recoveries.id = :id FOR UPDATE OF recoveries")
    Optional<Recovery> findForUpdate(@Bind("id") UUID id);

    /** The optional filters of the recovery list, shared by a page and its count. */
    String FILTER = """
            WHERE (CAST(:awardId AS uuid) IS NULL OR recoveries.award_id = :awardId)
              AND (CAST(:open AS boolean) IS NULL OR (recoveries.received_pence < recoveries.amount_pence) = :open)""";

    @SqlQuery(SELECT_RECOVERY + " " + FILTER
            + " ORDER BY recoveries.raised_at, recoveries.id LIMIT :limit OFFSET :offset")
    List<Recovery> page(@Bind("awardId") UUID awardId, @Bind("open") Boolean open, @Bind("limit") int limit,
                        @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM recoveries " + FILTER)
    long count(@Bind("awardId") UUID awardId, @Bind("open") Boolean open);

    @SqlQuery(SELECT_RECOVERY + " WHERE recoveries.claim_id = :claimId ORDER BY recoveries.raised_at, recoveries.id")
    List<Recovery> forClaim(@Bind("claimId") UUID claimId);

    @SqlQuery("SELECT coalesce(sum(amount_pence), 0) FROM recoveries WHERE award_id = :awardId")
    long raisedForAward(@Bind("awardId") UUID awardId);

    @SqlQuery("""
            INSERT INTO recoveries (award_id, claim_id, amount_pence, reason, raised_by, raised_at)
            VALUES (:awardId, :claimId, :amountPence, :reason, :raisedBy, :raisedAt)
            RETURNING id""")
    UUID insert(@Bind("awardId") UUID awardId, @Bind("claimId") UUID claimId, @Bind("amountPence") long amountPence,
                @Bind("reason") String reason, @Bind("raisedBy") UUID raisedBy, @Bind("raisedAt") Instant raisedAt);

    @SqlQuery("""
            SELECT recovery_receipts.*, users.username AS recorded_by_username
            FROM recovery_receipts JOIN users ON users.id = recovery_receipts.recorded_by
            WHERE recovery_receipts.recovery_id = ANY(:recoveryIds)
            ORDER BY recovery_receipts.recorded_at, recovery_receipts.id""")
    List<ReceiptRow> receipts(@Bind("recoveryIds") UUID[] recoveryIds);

    @SqlQuery("""
            INSERT INTO recovery_receipts (recovery_id, amount_pence, received_on, reference, recorded_by, recorded_at)
            VALUES (:recoveryId, :amountPence, :receivedOn, :reference, :recordedBy, :recordedAt)
            RETURNING id""")
    UUID insertReceipt(@Bind("recoveryId") UUID recoveryId, @Bind("amountPence") long amountPence,
                       @Bind("receivedOn") LocalDate receivedOn, @Bind("reference") String reference,
                       @Bind("recordedBy") UUID recordedBy, @Bind("recordedAt") Instant recordedAt);

    @SqlUpdate("UPDATE recoveries SET received_pence = received_pence + :pence WHERE id = :id")
    void addReceived(@Bind("id") UUID id, @Bind("pence") long pence);

    /** A receipt and the recovery it belongs to. */
    record ReceiptRow(UUID recoveryId, Recovery.Receipt receipt) {
    }
}
