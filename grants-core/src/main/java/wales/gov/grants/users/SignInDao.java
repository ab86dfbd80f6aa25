package wales.gov.grants.users;

import java.time.Instant;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The shared sign-in throttle's rows, and the one read a password sign-in costs. */
@RegisterRowMapper(SignInState.Mapper.class)
public interface SignInDao {
    /**
     * The user of {@code username} (if any) with its password hash, and the throttle's view of the username and
     * the address: whether the username has failures in the window, when each reached its limit (the
     * {@code limit}-th most recent failure in the window), and whether a throttled attempt was already recorded
     * in the window for each (so a burst of throttled attempts is audited once).
     */
    @SqlQuery("""
            SELECT users.*,
                   EXISTS (SELECT 1 FROM sign_in_failures
                           WHERE subject = :usernameSubject AND failed_at > :cutoff) AS username_failed,
                   (SELECT failed_at FROM sign_in_failures
                    WHERE subject = :usernameSubject AND failed_at > :cutoff
                    ORDER BY failed_at DESC OFFSET :usernameLimit - 1 LIMIT 1) AS username_limit_reached_at,
                   (SELECT failed_at FROM sign_in_failures
                    WHERE subject = :addressSubject AND failed_at > :cutoff
                    ORDER BY failed_at DESC OFFSET :addressLimit - 1 LIMIT 1) AS address_limit_reached_at,
                   EXISTS (SELECT 1 FROM sign_in_failures
                           WHERE subject = :usernameSubject AND failed_at > :cutoff
                             AND throttled) AS username_throttled_in_window,
                   EXISTS (SELECT 1 FROM sign_in_failures
                           WHERE subject = :addressSubject AND failed_at > :cutoff
                             AND throttled) AS address_throttled_in_window
            FROM (VALUES (1)) AS one (one) LEFT JOIN users ON users.username = :username""")
    SignInState state(@Bind("username") String username, @Bind("usernameSubject") String usernameSubject,
                      @Bind("addressSubject") String addressSubject, @Bind("cutoff") Instant cutoff,
                      @Bind("usernameLimit") int usernameLimit, @Bind("addressLimit") int addressLimit);

    @SqlUpdate("""
            INSERT INTO sign_in_failures (subject, failed_at, throttled)
            VALUES (:usernameSubject, :failedAt, :usernameThrottled), (:addressSubject, :failedAt, :addressThrottled)""")
    void insertFailure(@Bind("usernameSubject") String usernameSubject, @Bind("addressSubject") String addressSubject,
                       @Bind("failedAt") Instant failedAt, @Bind("usernameThrottled") boolean usernameThrottled,
                       @Bind("addressThrottled") boolean addressThrottled);

    @SqlUpdate("DELETE FROM sign_in_failures WHERE subject = :subject")
    int forget(@Bind("subject") String subject);

    @SqlUpdate("DELETE FROM sign_in_failures WHERE failed_at <= :cutoff")
    int prune(@Bind("cutoff") Instant cutoff);
}
