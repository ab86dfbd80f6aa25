package wales.gov.grants.audit;

import java.util.Base64;

/** PEM text (RFC 7468) of one DER block. */
final class Pem {
    private Pem() {
    }

    static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The DER of the first block of this type; text around it (such as another block) is ignored. */
    static byte[] decode(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int start = pem.indexOf(begin);
        int stop = start < 0 ? -1 : pem.indexOf(end, start);
        if (start < 0 || stop < 0) {
            throw new IllegalArgumentException("no " + type + " block in the PEM text");
        }
        return Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), stop));
    }
}
