package io.billfold.api.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextRuleTest {

    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void countsCharactersAsCodePoints() {
        assertThat(TextRule.length(EMOJI.repeat(255))).isEqualTo(255);
        assertThat(TextRule.violation(EMOJI.repeat(255))).isNull();
        assertThat(TextRule.violation("é中" + EMOJI.repeat(253))).isNull();
        assertThat(TextRule.violation(EMOJI.repeat(256))).isEqualTo(TextRule.Violation.TOO_LONG);
        assertThat(TextRule.violation("x".repeat(256))).isEqualTo(TextRule.Violation.TOO_LONG);
    }

    @Test
    void reportsTheFirstRuleATrimmedTextBreaks() {
        assertThat(TextRule.violation("")).isEqualTo(TextRule.Violation.BLANK);
        assertThat(TextRule.violation("\u0001".repeat(256))).isEqualTo(TextRule.Violation.TOO_LONG);
        assertThat(TextRule.violation("a\u0000b")).isEqualTo(TextRule.Violation.CONTROL_CHARACTERS);
        assertThat(TextRule.violation("line\nbreak")).isEqualTo(TextRule.Violation.CONTROL_CHARACTERS);
        assertThat(TextRule.violation("a")).isNull();
    }
}
