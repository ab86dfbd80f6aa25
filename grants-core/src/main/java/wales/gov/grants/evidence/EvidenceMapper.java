package wales.gov.grants.evidence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import wales.gov.grants.kernel.AwardId;
import wales.gov.grants.kernel.ClaimId;
import wales.gov.grants.kernel.EvidenceId;
import wales.gov.grants.kernel.UserId;

import static wales.gov.grants.database.Columns.instant;
import static wales.gov.grants.database.Columns.uuid;

public final class EvidenceMapper implements RowMapper<Evidence> {
    @Override
    public Evidence map(ResultSet row, StatementContext context) throws SQLException {
        UUID claim = uuid(row, "claim_id");
        UUID supersedes = uuid(row, "supersedes_id");
        UUID supersededBy = uuid(row, "superseded_by");
        UUID removedBy = uuid(row, "removed_by");
        return new Evidence(new EvidenceId(uuid(row, "id")), new AwardId(uuid(row, "award_id")),
                claim == null ? null : new ClaimId(claim), row.getString("title"), row.getString("filename"),
                EvidenceMediaType.fromMediaType(row.getString("media_type")).orElseThrow(),
                row.getLong("size_bytes"), row.getString("sha256"),
                supersedes == null ? null : new EvidenceId(supersedes),
                supersededBy == null ? null : new EvidenceId(supersededBy),
                new UserId(uuid(row, "uploaded_by")), row.getString("uploaded_by_username"),
                instant(row, "uploaded_at"), removedBy == null ? null : new UserId(removedBy),
                instant(row, "removed_at"));
    }
}
