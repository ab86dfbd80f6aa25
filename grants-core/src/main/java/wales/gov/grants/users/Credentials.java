package wales.gov.grants.users;

/** Rules for what a client sends as a username, password or token, before any of it reaches the database. */
final class Credentials {
    private Credentials() {
    }

    /** PostgreSQL refuses NUL in text, and no username, password or token the system issues has a control character. */
    static boolean hasControlCharacter(String value) {
        for (int index = 0; index < value.length(); index++) {
            if (Character.isISOControl(value.charAt(index))) {
                return true;
            }
        }
        return false;
    }

    /** The value with each control character replaced by U+FFFD, fit to store and to show in the audit trail. */
    static String printable(String value) {
        if (!hasControlCharacter(value)) {
            return value;
        }
        StringBuilder printable = new StringBuilder(value.length());
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            printable.append(Character.isISOControl(character) ? '\uFFFD' : character);
        }
        return printable.toString();
    }
}
