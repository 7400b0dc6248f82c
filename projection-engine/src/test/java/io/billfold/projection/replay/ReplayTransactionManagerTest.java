package io.billfold.projection.replay;

import io.billfold.projection.EngineContextTest;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A replay's transactions write the replay schema first and do not wait for the WAL; others are untouched. */
class ReplayTransactionManagerTest extends EngineContextTest {

    @Autowired
    TransactionManager axonTransactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aReplayTransactionUsesTheReplaySchemaAndCommitsWithoutWaitingForTheFlush() {
        TransactionManager replay = new ReplayTransactionManager(axonTransactions, jdbc, "replay_wallets", "public");

        Transaction transaction = replay.startTransaction();
        String searchPath = jdbc.queryForObject("show search_path", String.class);
        String synchronousCommit = jdbc.queryForObject("show synchronous_commit", String.class);
        transaction.commit();

        assertThat(searchPath).isEqualTo("replay_wallets, public");
        assertThat(synchronousCommit).isEqualTo("off");
        Transaction live = axonTransactions.startTransaction();
        assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("show search_path", String.class)).doesNotContain("replay_wallets");
        live.commit();
    }
}
