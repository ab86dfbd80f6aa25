package wales.gov.grants.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/**
 * The Ed25519 private key that signs checkpoints, read from a PKCS#8 PEM file ({@code PRIVATE KEY}, what
 * {@code openssl genpkey -algorithm ed25519} writes) that lives outside the database. Its bytes are never logged,
 * stored or shown; {@link #toString()} names only the public key's id.
 */
public final class AuditSigningKey {
    private static final String PEM_TYPE = "PRIVATE KEY";

    private final PrivateKey privateKey;
    private final AuditPublicKey publicKey;

    private AuditSigningKey(PrivateKey privateKey, AuditPublicKey publicKey) {
        this.privateKey = requireNonNull(privateKey, "privateKey is null");
        this.publicKey = requireNonNull(publicKey, "publicKey is null");
    }

    /** Reads the key; a missing or unreadable file is refused with a message saying how to make one. */
    public static AuditSigningKey load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the audit signing key file " + file.toAbsolutePath() + " does not exist. "
                    + "Checkpoints of the audit trail are signed with an Ed25519 key kept outside the database; "
                    + "create one with: openssl genpkey -algorithm ed25519 -out " + file + " && chmod 600 " + file
                    + " (or set audit.signingKeyFile / GRANTS_AUDIT_SIGNING_KEY_FILE to an existing key)");
        }
        try {
            return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the audit signing key file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the audit signing key file " + file + " is not an Ed25519 private key "
                    + "in PKCS#8 PEM: " + e.getMessage(), e);
        }
    }

    /** Reads the key, first creating a new one (readable by its owner only) if the file does not exist. */
    public static AuditSigningKey loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                KeyPair pair = KeyPairGenerator.getInstance(AuditPublicKey.ALGORITHM).generateKeyPair();
                Path temporary = Files.createTempFile(parent, ".audit-signing-key", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, Pem.encode(PEM_TYPE, pair.getPrivate().getEncoded()),
                        StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
                try {
                    Files.createLink(file, temporary);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                } finally {
                    Files.delete(temporary);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the audit signing key file " + file, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JDK has no Ed25519", e);
            }
        }
        return load(file);
    }

    static AuditSigningKey fromPem(String pem) {
        try {
            PrivateKey privateKey = KeyFactory.getInstance(AuditPublicKey.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Pem.decode(pem, PEM_TYPE)));
            return new AuditSigningKey(privateKey, derivePublicKey(privateKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public AuditPublicKey publicKey() {
        return publicKey;
    }

    /** The base64 Ed25519 signature of {@code message}. */
    public String sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance(AuditPublicKey.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(message);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the audit signing key", e);
        }
    }

    @Override
    public String toString() {
        return "AuditSigningKey[" + publicKey.keyId() + "]";
    }

    /**
     * The JDK has no call that derives an Ed25519 public key from a private one, but its key pair generator takes
     * the 32 private key bytes from the random source it is given: handing it the stored bytes yields the same
     * private key and its public key. Checked, so a JDK that generated differently fails here, not at verification.
     */
    private static AuditPublicKey derivePublicKey(PrivateKey privateKey) throws GeneralSecurityException {
        if (!(privateKey instanceof EdECPrivateKey edPrivateKey) || edPrivateKey.getBytes().isEmpty()) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        byte[] seed = edPrivateKey.getBytes().get();
        KeyPairGenerator generator = KeyPairGenerator.getInstance(AuditPublicKey.ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
        KeyPair pair = generator.generateKeyPair();
        byte[] regenerated = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
        if (!Arrays.equals(seed, regenerated)) {
            throw new IllegalStateException("cannot derive the Ed25519 public key on this JDK");
        }
        Signature signer = Signature.getInstance(AuditPublicKey.ALGORITHM);
        signer.initSign(privateKey);
        byte[] probe = "audit-signing-key-check".getBytes(StandardCharsets.US_ASCII);
        signer.update(probe);
        AuditPublicKey publicKey = new AuditPublicKey(pair.getPublic());
        if (!publicKey.verifies(probe, Base64.getEncoder().encodeToString(signer.sign()))) {
            throw new IllegalStateException("the derived Ed25519 public key does not verify the private key's signature");
        }
        return publicKey;
    }

    /** A "random" source that returns the given bytes: see {@link #derivePublicKey}. */
    private static final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        private FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] target) {
            if (target.length != bytes.length) {
                throw new IllegalStateException("expected a request for " + bytes.length + " bytes");
            }
            System.arraycopy(bytes, 0, target, 0, bytes.length);
        }
    }
}
