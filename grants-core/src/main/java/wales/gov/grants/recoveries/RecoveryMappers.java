package wales.gov.grants.recoveries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.SchemeId;

import static wales.gov.grants.database.Columns.date;
import static wales.gov.grants.database.Columns.instant;
import static wales.gov.grants.database.Columns.money;
import static wales.gov.grants.database.Columns.uuid;

/** Row mappers of this feature's DAOs. */
public final class RecoveryMappers {
    private RecoveryMappers() {
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

    public static final class AwardAccountMapper implements RowMapper<AwardAccount> {
        @Override
        public AwardAccount map(ResultSet row, StatementContext context) throws SQLException {
            return new AwardAccount(new AwardId(uuid(row, "id")), new SchemeId(uuid(row, "scheme_id")),
                    money(row, "amount_pence"), money(row, "approved_pence"), money(row, "paid_pence"),
                    money(row, "recovered_pence"));
        }
    }
}
