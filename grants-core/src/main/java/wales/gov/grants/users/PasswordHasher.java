package wales.gov.grants.users;

import java.nio.charset.StandardCharsets;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

/** bcrypt, salted per password; passwords longer than bcrypt's 72 bytes are pre-hashed rather than cut short. */
public final class PasswordHasher {
    public static final int DEFAULT_COST = 12;

    private final int cost;
    private final BCrypt.Hasher hasher =
            BCrypt.with(BCrypt.Version.VERSION_2B, LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));
    private final BCrypt.Verifyer verifyer =
            BCrypt.verifyer(BCrypt.Version.VERSION_2B, LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));
    /** Checked when the username is unknown, so that answering takes as long as for a real user. */
    private final String decoy;

    public PasswordHasher(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be between 4 and 31");
        }
        this.cost = cost;
        this.decoy = hash("decoy password for unknown users");
    }

    public String hash(String password) {
        return new String(hasher.hash(cost, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    public boolean verify(String password, String hash) {
        return verifyer.verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the same time as {@link #verify} and fails. */
    public boolean verifyAgainstDecoy(String password) {
        verify(password, decoy);
        return false;
    }
}
