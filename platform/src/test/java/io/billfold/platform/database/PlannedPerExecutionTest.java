package io.billfold.platform.database;

import io.billfold.platform.PlatformTestApplication;
import io.billfold.platform.testing.TestDataDir;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement run through {@link PlannedPerExecution} never becomes a server-side prepared statement, which is where
 * PostgreSQL keeps a generic plan; the same statement prepared plainly becomes one after the driver's fifth execution.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PlannedPerExecutionTest {

    private static final String PROBE = "select count(*) from pg_class where oid = any(?) and relname <> 'planned probe'";
    private static final int EXECUTIONS = 10;

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        TestDataDir.register(registry);
    }

    @Test
    void isPlannedAgainAtEveryExecution() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            for (int execution = 0; execution < EXECUTIONS; execution++) {
                assertThat(jdbc.query(PlannedPerExecution.statement(PROBE, (Object) new Long[] {1L}),
                        (rs, row) -> rs.getLong(1))).containsExactly(0L);
            }
            assertThat(serverSidePrepared(jdbc)).isZero();

            for (int execution = 0; execution < EXECUTIONS; execution++) {
                jdbc.queryForObject(PROBE, Long.class, (Object) new Long[] {1L});
            }
            assertThat(serverSidePrepared(jdbc)).isOne();
        }
    }

    private static long serverSidePrepared(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from pg_prepared_statements where statement like ?", Long.class,
                "%planned probe%");
    }
}
