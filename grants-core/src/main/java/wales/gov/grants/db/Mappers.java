package wales.gov.grants.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import wales.gov.grants.audit.RecordedEvent;
import wales.gov.grants.domain.Award;
import wales.gov.grants.domain.AwardId;
import wales.gov.grants.domain.AwardStatus;
import wales.gov.grants.domain.Claim;
import wales.gov.grants.domain.ClaimAdjustment;
import wales.gov.grants.domain.ClaimApproval;
import wales.gov.grants.domain.ClaimId;
import wales.gov.grants.domain.ClaimLine;
import wales.gov.grants.domain.ClaimStatus;
import wales.gov.grants.domain.Evidence;
import wales.gov.grants.domain.EvidenceId;
import wales.gov.grants.domain.EvidenceMediaType;
import wales.gov.grants.domain.FinancialYear;
import wales.gov.grants.domain.Money;
import wales.gov.grants.domain.Organisation;
import wales.gov.grants.domain.OrganisationId;
import wales.gov.grants.domain.OrganisationType;
import wales.gov.grants.domain.OutcomeReport;
import wales.gov.grants.domain.Payment;
import wales.gov.grants.domain.Recovery;
import wales.gov.grants.domain.Role;
import wales.gov.grants.domain.Scheme;
import wales.gov.grants.domain.SchemeId;
import wales.gov.grants.domain.User;
import wales.gov.grants.domain.UserId;

/** Row mappers from this schema's tables to the domain records. */
public final class Mappers {
    private Mappers() {
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static Money money(ResultSet row, String column) throws SQLException {
        return Money.ofPence(row.getLong(column));
    }

    static Money optionalMoney(ResultSet row, String column) throws SQLException {
        long pence = row.getLong(column);
        return row.wasNull() ? null : Money.ofPence(pence);
    }

    static UUID uuid(ResultSet row, String column) throws SQLException {
        return row.getObject(column, UUID.class);
    }

    public static final class OrganisationMapper implements RowMapper<Organisation> {
        @Override
        public Organisation map(ResultSet row, StatementContext context) throws SQLException {
            return new Organisation(new OrganisationId(uuid(row, "id")), row.getString("code"),
                    row.getString("name_en"), row.getString("name_cy"),
                    OrganisationType.valueOf(row.getString("type")));
        }
    }

    public static final class SchemeMapper implements RowMapper<Scheme> {
        @Override
        public Scheme map(ResultSet row, StatementContext context) throws SQLException {
            return new Scheme(new SchemeId(uuid(row, "id")), row.getString("code"), row.getString("name_en"),
                    row.getString("name_cy"), FinancialYear.parse(row.getString("financial_year")),
                    money(row, "budget_pence"), money(row, "dual_approval_threshold_pence"),
                    money(row, "allocated_pence"), money(row, "approved_pence"), money(row, "paid_pence"),
                    instant(row, "created_at"));
        }
    }

    /** Maps an award row without its conditions and targets, which live in their own tables. */
    public static final class AwardMapper implements RowMapper<Award> {
        @Override
        public Award map(ResultSet row, StatementContext context) throws SQLException {
            return new Award(new AwardId(uuid(row, "id")), new SchemeId(uuid(row, "scheme_id")),
                    new OrganisationId(uuid(row, "organisation_id")), money(row, "amount_pence"),
                    AwardStatus.valueOf(row.getString("status")), money(row, "claimed_pence"),
                    money(row, "approved_pence"), money(row, "paid_pence"), money(row, "recovered_pence"),
                    List.of(), List.of(), new UserId(uuid(row, "created_by")), instant(row, "created_at"),
                    instant(row, "offered_at"), instant(row, "accepted_at"), instant(row, "withdrawn_at"),
                    instant(row, "closed_at"), optionalMoney(row, "underspend_pence"));
        }
    }

    public static final class UserMapper implements RowMapper<User> {
        @Override
        public User map(ResultSet row, StatementContext context) throws SQLException {
            UUID organisation = uuid(row, "organisation_id");
            return new User(new UserId(uuid(row, "id")), row.getString("username"), row.getString("display_name"),
                    Role.valueOf(row.getString("role")),
                    organisation == null ? null : new OrganisationId(organisation),
                    row.getBoolean("demo"), row.getBoolean("enabled"));
        }
    }

    public static final class EvidenceMapper implements RowMapper<Evidence> {
        @Override
        public Evidence map(ResultSet row, StatementContext context) throws SQLException {
            UUID claim = uuid(row, "claim_id");
            UUID supersedes = uuid(row, "supersedes_id");
            UUID supersededBy = uuid(row, "superseded_by");
            UUID removedBy = uuid(row, "removed_by");
            return new Evidence(new EvidenceId(uuid(row, "id")), new AwardId(uuid(row, "award_id")),
                    claim == null ? null : new ClaimId(claim), row.getString("title"), row.getString("filename"),
                    EvidenceMediaType.fromMediaType(row.getString("media_type")).orElseThrow(),
                    row.getLong("size_bytes"), row.getString("sha256"),
                    supersedes == null ? null : new EvidenceId(supersedes),
                    supersededBy == null ? null : new EvidenceId(supersededBy),
                    new UserId(uuid(row, "uploaded_by")), row.getString("uploaded_by_username"),
                    instant(row, "uploaded_at"), removedBy == null ? null : new UserId(removedBy),
                    instant(row, "removed_at"));
        }
    }

    public static final class OutcomeReportMapper implements RowMapper<OutcomeReport> {
        @Override
        public OutcomeReport map(ResultSet row, StatementContext context) throws SQLException {
            return new OutcomeReport(uuid(row, "id"), new AwardId(uuid(row, "award_id")), row.getString("measure"),
                    row.getObject("period_end", java.time.LocalDate.class), row.getBigDecimal("value"),
                    row.getString("note"), row.getString("reported_by"), instant(row, "reported_at"));
        }
    }

    static LocalDate date(ResultSet row, String column) throws SQLException {
        return row.getObject(column, LocalDate.class);
    }

    static UserId optionalUser(ResultSet row, String column) throws SQLException {
        UUID id = uuid(row, column);
        return id == null ? null : new UserId(id);
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
                return new ClaimDecisionDao.DetailRow(uuid(row, "claim_id"), null, new ClaimApproval(
                        new UserId(approver), row.getString("username"), instant(row, "approved_at")));
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

    /** Maps a recovery row without its receipts. */
    public static final class RecoveryMapper implements RowMapper<Recovery> {
        @Override
        public Recovery map(ResultSet row, StatementContext context) throws SQLException {
            UUID claim = uuid(row, "claim_id");
            return new Recovery(uuid(row, "id"), new AwardId(uuid(row, "award_id")),
                    claim == null ? null : new ClaimId(claim), money(row, "amount_pence"),
                    money(row, "received_pence"), row.getString("reason"), row.getString("raised_by_username"),
                    instant(row, "raised_at"), List.of());
        }
    }

    public static final class ReceiptRowMapper implements RowMapper<RecoveryDao.ReceiptRow> {
        @Override
        public RecoveryDao.ReceiptRow map(ResultSet row, StatementContext context) throws SQLException {
            return new RecoveryDao.ReceiptRow(uuid(row, "recovery_id"), new Recovery.Receipt(uuid(row, "id"),
                    money(row, "amount_pence"), date(row, "received_on"), row.getString("reference"),
                    row.getString("recorded_by_username"), instant(row, "recorded_at")));
        }
    }

    public static final class RecordedEventMapper implements RowMapper<RecordedEvent> {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() {
        };

        @Override
        public RecordedEvent map(ResultSet row, StatementContext context) throws SQLException {
            return new RecordedEvent(row.getLong("id"), instant(row, "occurred_at"), row.getString("action"),
                    row.getString("object_type"), row.getString("object_id"), row.getString("actor_username"),
                    row.getString("actor_role"), json(row, "before_state"), json(row, "after_state"),
                    json(row, "details"));
        }

        private static Map<String, Object> json(ResultSet row, String column) throws SQLException {
            String text = row.getString(column);
            if (text == null) {
                return null;
            }
            try {
                return JSON.readValue(text, STATE);
            } catch (JsonProcessingException e) {
                throw new SQLException("audit column " + column + " is not a JSON object", e);
            }
        }
    }
}
