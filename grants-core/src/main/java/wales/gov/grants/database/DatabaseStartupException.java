package wales.gov.grants.database;

/** The database cannot be reached, started or brought to this version's schema; the message says what to do. */
public class DatabaseStartupException extends RuntimeException {
    public DatabaseStartupException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseStartupException(String message) {
        super(message);
    }
}
