package io.billfold.projection.replay;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs a replay's transactions with its own schema first on the search path, so the projection's handlers, which
 * use unqualified table names, write the tables being rebuilt while the token store still finds {@code token_entry}.
 */
final class SchemaBoundTransactionManager implements TransactionManager {

    private final TransactionManager delegate;
    private final JdbcTemplate jdbc;
    private final String searchPath;

    SchemaBoundTransactionManager(TransactionManager delegate, JdbcTemplate jdbc, String schema, String liveSchema) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.searchPath = ReplaySchema.quote(schema) + ", " + ReplaySchema.quote(liveSchema);
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = delegate.startTransaction();
        try {
            jdbc.execute("set local search_path to " + searchPath);
        } catch (RuntimeException failure) {
            transaction.rollback();
            throw failure;
        }
        return transaction;
    }
}
