package wales.gov.grants.audit;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/**
 * The Ed25519 public key that verifies checkpoints, as a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo, what
 * {@code openssl pkey -pubout} writes). Its id is the first 16 hex digits of the SHA-256 of that DER encoding.
 */
public final class AuditPublicKey {
    static final String ALGORITHM = "Ed25519";
    private static final String PEM_TYPE = "PUBLIC KEY";

    private final PublicKey key;
    private final String keyId;

    AuditPublicKey(PublicKey key) {
        this.key = requireNonNull(key, "key is null");
        if (!ALGORITHM.equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("not an Ed25519 key: " + key.getAlgorithm());
        }
        this.keyId = ChainedEvent.sha256Hex(key.getEncoded()).substring(0, 16);
    }

    public static AuditPublicKey fromPem(String pem) {
        try {
            return new AuditPublicKey(KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Pem.decode(pem, PEM_TYPE))));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public String pem() {
        return Pem.encode(PEM_TYPE, key.getEncoded());
    }

    /** Whether {@code signature} (base64) is this key's Ed25519 signature of {@code message}. */
    public boolean verifies(byte[] message, String signature) {
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signatureBytes);
        } catch (SignatureException e) {
            return false;
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the audit public key cannot verify", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    @Override
    public String toString() {
        return "AuditPublicKey[" + keyId + "]";
    }
}
