package wales.gov.grants.claims;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import wales.gov.grants.awards.AwardMapper;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.OrganisationId;
import wales.gov.grants.kernel.SchemeId;
import wales.gov.grants.kernel.UserId;

import static wales.gov.grants.database.Columns.date;
import static wales.gov.grants.database.Columns.instant;
import static wales.gov.grants.database.Columns.money;
import static wales.gov.grants.database.Columns.optionalUser;
import static wales.gov.grants.database.Columns.uuid;

/** Row mappers of this feature's DAOs. */
public final class ClaimMappers {
    private ClaimMappers() {
    }

    /** Maps a claim row joined with its award's scheme and organisation, without its lines and approvals. */
    public static final class ClaimMapper implements RowMapper<Claim> {
        @Override
        public Claim map(ResultSet row, StatementContext context) throws SQLException {
            return new Claim(new ClaimId(uuid(row, "id")), new AwardId(uuid(row, "award_id")),
                    new SchemeId(uuid(row, "scheme_id")), new OrganisationId(uuid(row, "organisation_id")),
                    date(row, "period_start"), date(row, "period_end"), ClaimStatus.valueOf(row.getString("status")),
                    money(row, "amount_pence"), money(row, "eligible_pence"), money(row, "paid_pence"),
                    new UserId(uuid(row, "created_by")), instant(row, "created_at"),
                    optionalUser(row, "submitted_by"), instant(row, "submitted_at"),
                    optionalUser(row, "decided_by"), instant(row, "decided_at"), row.getString("rejection_reason"),
                    row.getString("query_question"), List.of(), List.of());
        }
    }

    public static final class AwardOfClaimMapper implements RowMapper<ClaimDecisionDao.AwardOfClaim> {
        private final AwardMapper awards = new AwardMapper();

        @Override
        public ClaimDecisionDao.AwardOfClaim map(ResultSet row, StatementContext context) throws SQLException {
            return new ClaimDecisionDao.AwardOfClaim(awards.map(row, context), optionalUser(row, "offered_by"),
                    money(row, "dual_approval_threshold_pence"));
        }
    }

    public static final class DetailRowMapper implements RowMapper<ClaimDecisionDao.DetailRow> {
        @Override
        public ClaimDecisionDao.DetailRow map(ResultSet row, StatementContext context) throws SQLException {
            UUID approver = uuid(row, "approver_id");
            if (approver != null) {
                Array acknowledged = row.getArray("acknowledged_warnings");
                return new ClaimDecisionDao.DetailRow(uuid(row, "claim_id"), null, new ClaimApproval(
                        new UserId(approver), row.getString("username"), instant(row, "approved_at"),
                        optionalUser(row, "on_behalf_of"), row.getString("on_behalf_of_username"),
                        acknowledged == null ? List.of() : List.of((String[]) acknowledged.getArray()),
                        row.getString("acknowledgement_reason")));
            }
            return new ClaimDecisionDao.DetailRow(uuid(row, "claim_id"), new ClaimLine(row.getString("category"),
                    row.getString("description"), money(row, "amount_pence")), null);
        }
    }

    public static final class PaymentMapper implements RowMapper<Payment> {
        @Override
        public Payment map(ResultSet row, StatementContext context) throws SQLException {
            return new Payment(uuid(row, "id"), new ClaimId(uuid(row, "claim_id")), money(row, "amount_pence"),
                    date(row, "paid_on"), row.getString("reference"), row.getString("recorded_by_username"),
                    instant(row, "recorded_at"));
        }
    }

    public static final class AdjustmentMapper implements RowMapper<ClaimAdjustment> {
        @Override
        public ClaimAdjustment map(ResultSet row, StatementContext context) throws SQLException {
            return new ClaimAdjustment(uuid(row, "id"), new ClaimId(uuid(row, "claim_id")),
                    money(row, "amount_pence"), row.getString("reason"), money(row, "eligible_before_pence"),
                    money(row, "eligible_after_pence"), row.getString("made_by_username"), instant(row, "made_at"));
        }
    }

    /** A payment with its claim's award, scheme and organisation, for the payments list. */
    public static final class PaymentListingMapper implements RowMapper<PaymentListing> {
        private final PaymentMapper payments = new PaymentMapper();

        @Override
        public PaymentListing map(ResultSet row, StatementContext context) throws SQLException {
            return new PaymentListing(payments.map(row, context), new AwardId(uuid(row, "award_id")),
                    new SchemeId(uuid(row, "scheme_id")), new OrganisationId(uuid(row, "organisation_id")));
        }
    }

    public static final class WarningMapper implements RowMapper<ClaimWarning> {
        @Override
        public ClaimWarning map(ResultSet row, StatementContext context) throws SQLException {
            return new ClaimWarning(new ClaimId(uuid(row, "claim_id")),
                    ClaimWarning.Kind.valueOf(row.getString("kind")), row.getString("sha256"),
                    (Integer) row.getObject("line_position"), new ClaimId(uuid(row, "other_claim_id")),
                    new AwardId(uuid(row, "other_award_id")), new SchemeId(uuid(row, "other_scheme_id")),
                    new OrganisationId(uuid(row, "other_organisation_id")),
                    ClaimStatus.valueOf(row.getString("other_status")), (Integer) row.getObject("other_line_position"));
        }
    }
}
