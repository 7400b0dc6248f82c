package io.billfold.platform.web;

/**
 * What a JSON parser lets through but text cannot hold: a {@code \}{@code u} escape of half a surrogate pair is valid
 * JSON syntax (RFC 8259 §8.2) yet encodes no character, so it can be neither stored in PostgreSQL nor written as
 * UTF-8 (it would become {@code ?} in one place and stay an escape in another).
 */
public final class JsonText {

    private JsonText() {
    }

    /**
     * True when the JSON text escapes an unpaired surrogate. Escapes are ASCII and never part of a multi-byte UTF-8
     * sequence, so the bytes are scanned as they are; raw surrogates are invalid UTF-8 and refused by the parser.
     */
    public static boolean escapesUnpairedSurrogate(byte[] json) {
        for (int i = 0; i < json.length - 1; i++) {
            if (json[i] != '\\') {
                continue;
            }
            if (json[i + 1] != 'u') {
                i++;
                continue;
            }
            int unit = hex(json, i + 2);
            if (unit < 0) {
                return false;
            }
            i += 5;
            if (Character.isLowSurrogate((char) unit)) {
                return true;
            }
            if (Character.isHighSurrogate((char) unit)) {
                int next = i + 1 < json.length - 1 && json[i + 1] == '\\' && json[i + 2] == 'u' ? hex(json, i + 3) : -1;
                if (next < 0 || !Character.isLowSurrogate((char) next)) {
                    return true;
                }
                i += 6;
            }
        }
        return false;
    }

    /** The four hex digits at {@code from} as a number, or -1 when there are not four. */
    private static int hex(byte[] json, int from) {
        if (from + 4 > json.length) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(json[i], 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
