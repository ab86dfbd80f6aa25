package wales.gov.grants.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import wales.gov.grants.kernel.Money;
import wales.gov.grants.kernel.UserId;

/** Reading this schema's column types into the kernel's values, for every feature's row mappers. */
public final class Columns {
    private Columns() {
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    public static Money money(ResultSet row, String column) throws SQLException {
        return Money.ofPence(row.getLong(column));
    }

    public static Money optionalMoney(ResultSet row, String column) throws SQLException {
        long pence = row.getLong(column);
        return row.wasNull() ? null : Money.ofPence(pence);
    }

    public static UUID uuid(ResultSet row, String column) throws SQLException {
        return row.getObject(column, UUID.class);
    }

    public static LocalDate date(ResultSet row, String column) throws SQLException {
        return row.getObject(column, LocalDate.class);
    }

    public static UserId optionalUser(ResultSet row, String column) throws SQLException {
        UUID id = uuid(row, column);
        return id == null ? null : new UserId(id);
    }
}
