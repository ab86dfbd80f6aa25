package wales.gov.grants.users;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import wales.gov.grants.kernel.Validator;

/**
 * What a new password must be, whoever sets it: 12 to 1,000 characters (length is what makes a password hard to
 * guess; 1,000 bounds the work of hashing it), no control characters, not the username, and not one of the common
 * passwords in {@code common-passwords.txt} (built by {@code grants-core/etc/common-passwords.py} from zxcvbn's list,
 * MIT licence). Case is ignored in both comparisons: {@code Password1234} is as guessable as {@code password1234}.
 * No rules about character classes: they make passwords harder to remember, not to guess.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 1000;
    private static final String DENY_LIST = "common-passwords.txt";

    private final Set<String> common;

    private PasswordPolicy(Set<String> common) {
        this.common = Set.copyOf(common);
    }

    /** The policy with the deny-list shipped in this jar, read once. */
    public static PasswordPolicy standard() {
        return Standard.POLICY;
    }

    private static final class Standard {
        private static final PasswordPolicy POLICY = read();
    }

    private static PasswordPolicy read() {
        try (InputStream stream = PasswordPolicy.class.getResourceAsStream(DENY_LIST)) {
            if (stream == null) {
                throw new IllegalStateException(DENY_LIST + " is missing from the classpath");
            }
            Set<String> passwords = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    passwords.add(line.toLowerCase(Locale.ROOT));
                }
            }
            return new PasswordPolicy(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DENY_LIST, e);
        }
    }

    /** Adds to {@code validator} every reason {@code password} may not be the new password of {@code username}. */
    public void check(Validator validator, String field, String password, String username) {
        if (password == null || password.isEmpty()) {
            validator.reject(field, "is required");
            return;
        }
        if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            validator.reject(field, "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
            return;
        }
        if (Credentials.hasControlCharacter(password)) {
            validator.reject(field, "must not contain control characters");
            return;
        }
        String folded = password.toLowerCase(Locale.ROOT);
        if (username != null && folded.equals(username.toLowerCase(Locale.ROOT))) {
            validator.reject(field, "must not be the username");
        } else if (common.contains(folded)) {
            validator.reject(field, "is one of the most common passwords; choose a longer or less predictable one");
        }
    }

    /** How many passwords the deny-list holds, for the tests that check it was read. */
    int size() {
        return common.size();
    }
}
