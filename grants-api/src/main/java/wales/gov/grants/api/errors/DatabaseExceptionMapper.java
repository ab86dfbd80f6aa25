package wales.gov.grants.api.errors;

import java.sql.SQLException;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.jdbi.v3.core.JdbiException;

/**
 * The database refused a change the services let through: a constraint caught a race or a rule (409), or a
 * transaction lost a serialisation race (409, safe to retry). Anything else is unexpected.
 */
public final class DatabaseExceptionMapper implements ExceptionMapper<JdbiException> {
    @Override
    public Response toResponse(JdbiException exception) {
        String state = sqlState(exception);
        if (state != null && state.startsWith("23")) {
            return Problems.response(409, "state-conflict", "Conflict",
                    "The change conflicts with the current data (another request may have changed it); "
                            + "reload and try again");
        }
        if ("40001".equals(state) || "40P01".equals(state) || "55P03".equals(state)) {
            return Problems.response(409, "lost-race", "Conflict",
                    "Another request changed the same data at the same time; try again");
        }
        return new FrameworkExceptionMappers.Unexpected().toResponse(exception);
    }

    private static String sqlState(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
