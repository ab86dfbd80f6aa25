package wales.gov.grants.organisations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(OrganisationMapper.class)
public interface OrganisationDao {
    @SqlQuery("SELECT * FROM organisations WHERE id = :id")
    Optional<Organisation> find(@Bind("id") UUID id);

    @SqlQuery("SELECT * FROM organisations WHERE code = :code")
    Optional<Organisation> findByCode(@Bind("code") String code);

    /** Organisations whose code is {@code key}, or whose English or Welsh name is {@code key} once both are NFC. */
    @SqlQuery("""
            SELECT * FROM organisations
            WHERE code = :key OR normalize(name_en, NFC) = :key OR normalize(name_cy, NFC) = :key
            ORDER BY code""")
    List<Organisation> findByCodeOrName(@Bind("key") String key);

    @SqlQuery("SELECT * FROM organisations ORDER BY type, name_en LIMIT :limit OFFSET :offset")
    List<Organisation> page(@Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM organisations")
    long count();

    @SqlQuery("SELECT * FROM organisations WHERE id = :id FOR UPDATE")
    Optional<Organisation> findForUpdate(@Bind("id") UUID id);

    /** @return the new organisation's id, or empty if the code is taken */
    @SqlQuery("""
            INSERT INTO organisations (code, name_en, name_cy, type, created_at)
            VALUES (:code, :nameEn, :nameCy, :type, :createdAt)
            ON CONFLICT ON CONSTRAINT uq_organisations_code DO NOTHING
            RETURNING id""")
    Optional<UUID> insert(@Bind("code") String code, @Bind("nameEn") String nameEn, @Bind("nameCy") String nameCy,
                          @Bind("type") String type, @Bind("createdAt") Instant createdAt);

    @SqlUpdate("UPDATE organisations SET name_en = :nameEn, name_cy = :nameCy WHERE id = :id")
    void rename(@Bind("id") UUID id, @Bind("nameEn") String nameEn, @Bind("nameCy") String nameCy);

    @SqlUpdate("""
            INSERT INTO organisations (code, name_en, name_cy, type)
            VALUES (:code, :nameEn, :nameCy, :type)
            ON CONFLICT ON CONSTRAINT uq_organisations_code DO NOTHING""")
    int insertIfAbsent(@Bind("code") String code, @Bind("nameEn") String nameEn, @Bind("nameCy") String nameCy,
                       @Bind("type") String type);
}
