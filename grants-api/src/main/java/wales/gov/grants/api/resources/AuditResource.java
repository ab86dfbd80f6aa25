package wales.gov.grants.api.resources;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import wales.gov.grants.api.auth.GrantsPrincipal;
import wales.gov.grants.api.representations.AuditVerificationView;
import wales.gov.grants.audit.AuditPublicKey;
import wales.gov.grants.audit.AuditVerifier;

import static java.util.Objects.requireNonNull;

@Path("/api/v1/audit")
@Tag(name = "audit")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public final class AuditResource {
    /** The usual type of a PEM file; curl and browsers save it as one. */
    static final String PEM = "application/x-pem-file";

    private final AuditVerifier verifier;
    private final AuditPublicKey publicKey;

    public AuditResource(AuditVerifier verifier, AuditPublicKey publicKey) {
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.publicKey = requireNonNull(publicKey, "publicKey is null");
    }

    @GET
    @Path("verify")
    @RolesAllowed({"AUDITOR", "ADMIN"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recompute every hash chain of the audit trail and check the signed checkpoints")
    public AuditVerificationView verify(@Auth GrantsPrincipal principal) {
        return AuditVerificationView.of(verifier.verifyAll(principal.actor()));
    }

    /** PEM whatever the Accept header asks for: there is no other form of the key. */
    @GET
    @Path("public-key")
    @PermitAll
    @Operation(summary = "The Ed25519 public key (PEM) that verifies the audit checkpoints, for checks elsewhere",
            responses = @ApiResponse(responseCode = "200", description = "The key, as a PEM file",
                    content = @Content(mediaType = PEM, schema = @Schema(type = "string"))))
    public Response publicKey(@Auth GrantsPrincipal principal) {
        return Response.ok(publicKey.pem(), PEM)
                .header("Content-Disposition", "attachment; filename=\"audit-public-key-" + publicKey.keyId() + ".pem\"")
                .build();
    }
}
