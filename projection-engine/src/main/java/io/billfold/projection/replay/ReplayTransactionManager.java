package io.billfold.projection.replay;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs a replay's transactions with its own schema first on the search path, so the projection's handlers, which
 * use unqualified table names, write the tables being rebuilt while the token store still finds {@code token_entry}.
 * <p>
 * A replay's commits do not wait for the WAL to reach the disk ({@code synchronous_commit = off}): a batch's rows
 * and its token commit together, so a crash loses the last batches whole and the replay takes them again, and the
 * swap's own commit makes everything before it durable. Waiting for each batch's flush held the worker up to a few
 * milliseconds per batch of 1,000 events (docs/performance.md, replay with encryption).
 */
final class ReplayTransactionManager implements TransactionManager {

    private final TransactionManager delegate;
    private final JdbcTemplate jdbc;
    private final String settings;

    ReplayTransactionManager(TransactionManager delegate, JdbcTemplate jdbc, String schema, String liveSchema) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.settings = "set local search_path to " + ReplaySchema.quote(schema) + ", " + ReplaySchema.quote(liveSchema)
                + "; set local synchronous_commit to off";
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = delegate.startTransaction();
        try {
            jdbc.execute(settings);
        } catch (RuntimeException failure) {
            transaction.rollback();
            throw failure;
        }
        return transaction;
    }
}
