package wales.gov.grants.recoveries;

import java.util.UUID;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The running totals of awards and schemes. Change them only under the award's row lock (award first, then the
 * scheme, always in that order); the tables' CHECKs refuse any total that breaks a budget rule.
 */
public interface TotalsDao {
    @SqlUpdate("""
            UPDATE awards SET claimed_pence = claimed_pence + :claimed, approved_pence = approved_pence + :approved,
                              paid_pence = paid_pence + :paid, recovered_pence = recovered_pence + :recovered
            WHERE id = :awardId""")
    void addToAward(@Bind("awardId") UUID awardId, @Bind("claimed") long claimedDelta,
                    @Bind("approved") long approvedDelta, @Bind("paid") long paidDelta,
                    @Bind("recovered") long recoveredDelta);

    @SqlUpdate("""
            UPDATE schemes SET approved_pence = approved_pence + :approved, paid_pence = paid_pence + :paid
            WHERE id = :schemeId""")
    void addToScheme(@Bind("schemeId") UUID schemeId, @Bind("approved") long approvedDelta,
                     @Bind("paid") long paidDelta);

    @SqlUpdate("UPDATE schemes SET allocated_pence = allocated_pence + :deltaPence WHERE id = :id")
    void addAllocated(@Bind("id") UUID schemeId, @Bind("deltaPence") long deltaPence);

    @SqlUpdate("UPDATE awards SET underspend_pence = :underspend WHERE id = :awardId")
    void recordUnderspend(@Bind("awardId") UUID awardId, @Bind("underspend") long underspendPence);
}
