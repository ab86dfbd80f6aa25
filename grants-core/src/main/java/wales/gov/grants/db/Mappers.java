package wales.gov.grants.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import wales.gov.grants.domain.Award;
import wales.gov.grants.domain.AwardId;
import wales.gov.grants.domain.AwardStatus;
import wales.gov.grants.domain.ClaimId;
import wales.gov.grants.domain.Evidence;
import wales.gov.grants.domain.EvidenceId;
import wales.gov.grants.domain.EvidenceMediaType;
import wales.gov.grants.domain.FinancialYear;
import wales.gov.grants.domain.Money;
import wales.gov.grants.domain.Organisation;
import wales.gov.grants.domain.OrganisationId;
import wales.gov.grants.domain.OrganisationType;
import wales.gov.grants.domain.OutcomeReport;
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
                    instant(row, "closed_at"));
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
}
