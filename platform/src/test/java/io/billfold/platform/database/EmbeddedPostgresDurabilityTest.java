package io.billfold.platform.database;

import io.billfold.platform.PlatformTestApplication;
import io.billfold.platform.testing.TestDataDir;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL, which README's run command uses, acknowledges a commit only once it is on disk. The
 * library starts it with {@code synchronous_commit = off}, made for throwaway test databases.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class EmbeddedPostgresDurabilityTest {

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        TestDataDir.register(registry);
    }

    @Test
    void aCommitWaitsForTheDisk() {
        assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("show full_page_writes", String.class)).isEqualTo("on");
    }
}
