package wales.gov.grants.api.resources;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.Base64;
import java.util.HexFormat;

import io.swagger.v3.oas.annotations.media.Content;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import wales.gov.grants.kernel.ValidationException;
import wales.gov.grants.packs.AuditPackService;
import wales.gov.grants.packs.PackLanguage;

/**
 * How a pack is sent: the language asked for, and the finished file with its length, name and digest. The API and the
 * pages send packs through this one class, so both give the same bytes and headers.
 */
public final class PackDownloads {
    public static final String PDF = "application/pdf";

    private PackDownloads() {
    }

    public static PackLanguage language(String lang) {
        return PackLanguage.parse(lang).orElseThrow(() -> ValidationException.of("lang", "must be en or cy"));
    }

    /** Streams the pack's file, deleting it once sent (or once the client has gone). */
    public static Response send(AuditPackService.Pack pack) {
        StreamingOutput body = output -> {
            try (pack; InputStream in = Files.newInputStream(pack.file())) {
                in.transferTo(output);
            }
        };
        String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(pack.sha256()));
        return Response.ok(body, PDF)
                .header("Content-Length", pack.size())
                .header("Content-Disposition", "attachment; filename=\"" + pack.filename() + "\"")
                .header("ETag", "\"" + pack.sha256() + "\"")
                .header("Repr-Digest", "sha-256=:" + digest + ":")
                .build();
    }
}
