package wales.gov.grants.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import static wales.gov.grants.database.Columns.instant;

public final class RecordedEventMapper implements RowMapper<RecordedEvent> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() {
    };

    @Override
    public RecordedEvent map(ResultSet row, StatementContext context) throws SQLException {
        return new RecordedEvent(row.getLong("id"), instant(row, "occurred_at"),
                AuditAction.valueOf(row.getString("action")),
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
