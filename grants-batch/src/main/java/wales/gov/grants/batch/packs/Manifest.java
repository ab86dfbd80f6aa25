package wales.gov.grants.batch.packs;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.StatementContext;
import wales.gov.grants.batch.runs.BatchRun;
import wales.gov.grants.batch.runs.OutputFiles;
import wales.gov.grants.batch.runs.RunCounts;

/**
 * {@code manifest.json}: a finished run's packs, one entry per file in file name order, with its SHA-256 (what
 * {@code sha256sum} prints), the SHA-256 of the data on its cover (that of its attached {@code pack-data.json}) and
 * the signed checkpoint it cites (sequence, time, key, signature, and the chain length and head it signed). Written
 * from the database by the one process that finishes the run, while it holds the run's row, and published like the
 * packs, so a reader finds a whole manifest or none, and only once every pack is in place.
 */
final class Manifest {
    static final String FILE = "manifest.json";
    static final String FORMAT = "grants-audit-packs-manifest/1";
    private static final String ITEMS = """
            SELECT item.item_key, item.output_file, item.size, item.sha256, item.data_digest, item.pages,
                   checkpoint.sequence, checkpoint.created_at, checkpoint.key_id, checkpoint.signature,
                   signed.length, signed.head_hash
            FROM batch_items item
            LEFT JOIN audit_checkpoints checkpoint ON checkpoint.sequence = item.checkpoint_sequence
            LEFT JOIN audit_checkpoint_chains signed ON signed.checkpoint_sequence = item.checkpoint_sequence
                                                    AND signed.chain_id = split_part(item.item_key, ':', 1)
            WHERE item.run_id = :runId
            ORDER BY item.output_file COLLATE "C\"""";

    private Manifest() {
    }

    static void write(Handle handle, BatchRun run, RunCounts counts, Instant finishedAt, OutputFiles output)
            throws IOException {
        output.write(FILE, out -> write(handle, run, counts, finishedAt, out));
    }

    private static void write(Handle handle, BatchRun run, RunCounts counts, Instant finishedAt, OutputStream out)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (JsonGenerator json = new JsonFactory(mapper).createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeNumberField("run", run.id());
            json.writeStringField("job", run.job());
            json.writeFieldName("arguments");
            json.writeTree(mapper.readTree(run.arguments()));
            json.writeStringField("startedAt", run.startedAt().toString());
            json.writeStringField("finishedAt", finishedAt.toString());
            json.writeNumberField("packs", counts.done());
            json.writeNumberField("pages", counts.pages());
            json.writeArrayFieldStart("files");
            try (ResultIterator<Entry> entries = handle.createQuery(ITEMS).bind("runId", run.id())
                    .map(Manifest::entry).iterator()) {
                while (entries.hasNext()) {
                    entries.next().write(json);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private record Entry(String itemKey, String file, long size, String sha256, String dataDigest, int pages,
                         Long sequence, Instant at, String keyId, String signature, long chainLength,
                         String headHash) {
        void write(JsonGenerator json) throws IOException {
            String[] key = itemKey.split(":", -1);
            json.writeStartObject();
            json.writeStringField("file", file);
            json.writeStringField("awardId", key[0]);
            json.writeStringField("language", key[1]);
            json.writeNumberField("size", size);
            json.writeStringField("sha256", sha256);
            json.writeStringField("dataDigest", dataDigest);
            json.writeNumberField("pages", pages);
            if (sequence == null) {
                json.writeNullField("checkpoint");
            } else {
                json.writeObjectFieldStart("checkpoint");
                json.writeNumberField("sequence", sequence);
                json.writeStringField("at", at.toString());
                json.writeStringField("keyId", keyId);
                json.writeStringField("signature", signature);
                json.writeNumberField("chainLength", chainLength);
                json.writeStringField("headHash", headHash);
                json.writeEndObject();
            }
            json.writeEndObject();
        }
    }

    private static Entry entry(ResultSet row, StatementContext context) throws SQLException {
        long sequence = row.getLong("sequence");
        boolean signed = !row.wasNull();
        return new Entry(row.getString("item_key"), row.getString("output_file"), row.getLong("size"),
                row.getString("sha256"), row.getString("data_digest"), row.getInt("pages"),
                signed ? sequence : null,
                signed ? row.getObject("created_at", OffsetDateTime.class).toInstant() : null,
                row.getString("key_id"), row.getString("signature"), row.getLong("length"),
                row.getString("head_hash"));
    }
}
