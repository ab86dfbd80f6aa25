package wales.gov.grants.claims;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The payments list. Apart from {@link ClaimDao}, which every read of a claim attaches: JDBI prepares each method of
 * a SQL Object on every attach, so a list only its page reads keeps out of the busy path.
 */
@RegisterRowMapper(ClaimMappers.PaymentListingMapper.class)
public interface PaymentDao {
    /** The optional filters of the payments list: a scheme, and paid on or after, on or before a day. */
    String PAYMENT_FILTER = """
            WHERE (CAST(:schemeId AS uuid) IS NULL OR awards.scheme_id = :schemeId)
              AND (CAST(:organisationId AS uuid) IS NULL OR awards.organisation_id = :organisationId)
              AND (CAST(:paidFrom AS date) IS NULL OR payments.paid_on >= :paidFrom)
              AND (CAST(:paidTo AS date) IS NULL OR payments.paid_on <= :paidTo)""";

    /** Payments newest first (by the day paid, then as recorded), with the award, scheme and organisation. */
    @SqlQuery("""
            SELECT payments.*, users.username AS recorded_by_username, claims.award_id, awards.scheme_id,
                   awards.organisation_id
            FROM payments JOIN claims ON claims.id = payments.claim_id JOIN awards ON awards.id = claims.award_id
                 JOIN users ON users.id = payments.recorded_by
            """ + PAYMENT_FILTER + """

            ORDER BY payments.paid_on DESC, payments.recorded_at DESC, payments.id DESC
            LIMIT :limit OFFSET :offset""")
    List<PaymentListing> paymentPage(@Bind("schemeId") UUID schemeId, @Bind("organisationId") UUID organisationId,
                                     @Bind("paidFrom") LocalDate paidFrom, @Bind("paidTo") LocalDate paidTo,
                                     @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("""
            SELECT count(*) FROM payments JOIN claims ON claims.id = payments.claim_id
                 JOIN awards ON awards.id = claims.award_id
            """ + PAYMENT_FILTER)
    long paymentCount(@Bind("schemeId") UUID schemeId, @Bind("organisationId") UUID organisationId,
                      @Bind("paidFrom") LocalDate paidFrom, @Bind("paidTo") LocalDate paidTo);
}
