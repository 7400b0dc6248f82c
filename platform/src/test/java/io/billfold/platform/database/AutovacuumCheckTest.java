package io.billfold.platform.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators are told at startup when the database maintains no statistics, and not otherwise. */
@ExtendWith(OutputCaptureExtension.class)
class AutovacuumCheckTest {

    @Test
    void warnsWhenAutovacuumIsOff(CapturedOutput output) {
        new AutovacuumCheck(reporting("off")).warnWhenOff();

        assertThat(output.getOut()).contains("PostgreSQL runs with autovacuum off");
    }

    @Test
    void saysNothingWhenAutovacuumIsOn(CapturedOutput output) {
        new AutovacuumCheck(reporting("on")).warnWhenOff();

        assertThat(output.getOut()).doesNotContain("autovacuum");
    }

    private static JdbcTemplate reporting(String setting) {
        return new JdbcTemplate() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T queryForObject(String sql, Class<T> requiredType) {
                assertThat(sql).contains("'autovacuum'");
                return (T) setting;
            }
        };
    }
}
