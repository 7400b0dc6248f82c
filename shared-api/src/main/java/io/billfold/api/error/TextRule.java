package io.billfold.api.error;

/**
 * The one rule of free texts (names, descriptions, references): trimmed, at most {@link #MAX_LENGTH} characters,
 * without control characters (NUL above all, which PostgreSQL text cannot hold). Characters are counted as a person
 * counts them, by code point: an emoji is one, not the two UTF-16 units of a Java string. Each caller reports a
 * violation in its own field error.
 */
public final class TextRule {

    public static final int MAX_LENGTH = 255;

    /** What a trimmed text breaks, in the order it is checked. */
    public enum Violation {
        BLANK, TOO_LONG, CONTROL_CHARACTERS
    }

    private TextRule() {
    }

    /** The first rule a trimmed text breaks, or null when it keeps them all. */
    public static Violation violation(String trimmed) {
        if (trimmed.isEmpty()) {
            return Violation.BLANK;
        }
        if (length(trimmed) > MAX_LENGTH) {
            return Violation.TOO_LONG;
        }
        return hasControlCharacters(trimmed) ? Violation.CONTROL_CHARACTERS : null;
    }

    /** The length of a text in characters (code points). */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    public static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
