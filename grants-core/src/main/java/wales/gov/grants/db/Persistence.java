package wales.gov.grants.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Everything a {@link Jdbi} needs to work with this schema, applied the same way by the API, batch and tests. */
public final class Persistence {
    private Persistence() {
    }

    public static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        jdbi.registerRowMapper(new Mappers.OrganisationMapper());
        jdbi.registerRowMapper(new Mappers.SchemeMapper());
        jdbi.registerRowMapper(new Mappers.AwardMapper());
        jdbi.registerRowMapper(new Mappers.UserMapper());
        jdbi.registerRowMapper(new Mappers.ClaimMapper());
        jdbi.registerRowMapper(new Mappers.PaymentMapper());
        jdbi.registerRowMapper(new Mappers.AdjustmentMapper());
        jdbi.registerRowMapper(new Mappers.RecoveryMapper());
        jdbi.registerRowMapper(new Mappers.ReceiptRowMapper());
        jdbi.registerRowMapper(new Mappers.RecordedEventMapper());
        return jdbi;
    }
}
