package wales.gov.grants.schemes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterRowMapper(SchemeMapper.class)
public interface SchemeDao {
    @SqlQuery("SELECT * FROM schemes WHERE id = :id")
    Optional<Scheme> find(@Bind("id") UUID id);

    /** Locks the scheme row until the transaction ends: the budget rule is checked and kept under this lock. */
    @SqlQuery("SELECT * FROM schemes WHERE id = :id FOR UPDATE")
    Optional<Scheme> findForUpdate(@Bind("id") UUID id);

    @SqlQuery("SELECT * FROM schemes WHERE code = :code AND financial_year = :financialYear")
    Optional<Scheme> findByCode(@Bind("code") String code, @Bind("financialYear") String financialYear);

    @SqlQuery("""
            SELECT * FROM schemes
            WHERE (CAST(:financialYear AS text) IS NULL OR financial_year = :financialYear)
            ORDER BY financial_year DESC, code
            LIMIT :limit OFFSET :offset""")
    List<Scheme> page(@Bind("financialYear") String financialYear, @Bind("limit") int limit,
                      @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM schemes WHERE (CAST(:financialYear AS text) IS NULL OR financial_year = :financialYear)")
    long count(@Bind("financialYear") String financialYear);

    @SqlQuery("""
            INSERT INTO schemes (code, name_en, name_cy, financial_year, budget_pence, dual_approval_threshold_pence,
                                 created_by, created_at)
            VALUES (:code, :nameEn, :nameCy, :financialYear, :budgetPence, :thresholdPence, :createdBy, :createdAt)
            ON CONFLICT ON CONSTRAINT uq_schemes_code_financial_year DO NOTHING
            RETURNING id""")
    Optional<UUID> insertIfAbsent(@Bind("code") String code, @Bind("nameEn") String nameEn,
                                  @Bind("nameCy") String nameCy, @Bind("financialYear") String financialYear,
                                  @Bind("budgetPence") long budgetPence, @Bind("thresholdPence") long thresholdPence,
                                  @Bind("createdBy") UUID createdBy, @Bind("createdAt") Instant createdAt);
}
