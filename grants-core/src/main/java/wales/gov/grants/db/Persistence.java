package wales.gov.grants.db;

import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectFactory;
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
        jdbi.registerRowMapper(new Mappers.EvidenceMapper());
        jdbi.registerRowMapper(new Mappers.OutcomeReportMapper());
        jdbi.registerRowMapper(new Mappers.ClaimMapper());
        jdbi.registerRowMapper(new Mappers.AwardOfClaimMapper());
        jdbi.registerRowMapper(new Mappers.DetailRowMapper());
        jdbi.registerRowMapper(new Mappers.PaymentMapper());
        jdbi.registerRowMapper(new Mappers.AdjustmentMapper());
        jdbi.registerRowMapper(new Mappers.RecoveryMapper());
        jdbi.registerRowMapper(new Mappers.ReceiptRowMapper());
        jdbi.registerRowMapper(new Mappers.RecordedEventMapper());
        warmExtensionMetadata(jdbi);
        return jdbi;
    }

    /**
     * Builds each DAO's SQL Object metadata once, on the Jdbi itself. Otherwise the cache lives in each handle's
     * copy of the configuration, so every {@code handle.attach} on a new handle re-reads the DAO's annotations by
     * reflection: that was most of the server's CPU per request.
     */
    private static void warmExtensionMetadata(Jdbi jdbi) {
        Extensions extensions = jdbi.getConfig(Extensions.class);
        ExtensionFactory sqlObjects = extensions.findFactory(SqlObjectFactory.class).orElseThrow();
        for (Class<?> dao : List.of(AuditDao.class, AwardDao.class, ClaimDao.class, ClaimDecisionDao.class,
                EvidenceDao.class,
                IdempotencyDao.class, OrganisationDao.class, OutcomeDao.class, RecoveryDao.class, SchemeDao.class,
                TotalsDao.class, UserDao.class)) {
            extensions.findMetadata(dao, sqlObjects);
        }
    }
}
