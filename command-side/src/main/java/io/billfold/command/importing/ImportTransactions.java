package io.billfold.command.importing;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.Supplier;

/**
 * The transactions of an import's worker: one per chunk of rows, and where rows may be rejected a savepoint per row
 * inside it. The command handlers join the chunk's transaction (through Axon's transaction manager) as they join a
 * request's, and Axon never marks a transaction it only joined as rollback-only; so a rejected row is undone by
 * rolling back to its savepoint and the chunk goes on. The savepoints are JDBC savepoints on the transaction's
 * connection, which JdbcTemplate and the event store share: the application's JPA transaction manager offers none.
 */
@Component
class ImportTransactions {

    private final TransactionTemplate chunk;
    private final DataSource dataSource;

    ImportTransactions(PlatformTransactionManager transactions, DataSource dataSource) {
        this.chunk = new TransactionTemplate(transactions);
        this.chunk.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.dataSource = dataSource;
    }

    /** A new transaction for a chunk of rows, with the job's progress. */
    TransactionTemplate chunk() {
        return chunk;
    }

    /**
     * Runs {@code work} in a savepoint of the current chunk's transaction: rolled back to when it fails, and also when
     * it succeeds unless {@code keep} (a dry run keeps nothing).
     */
    <T> T inSavepoint(boolean keep, Supplier<T> work) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint savepoint = call(connection::setSavepoint);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            call(() -> {
                connection.rollback(savepoint);
                return null;
            });
            throw e;
        }
        if (!keep) {
            call(() -> {
                connection.rollback(savepoint);
                return null;
            });
        }
        // A kept savepoint is not released: that would cost a round trip and free nothing, its subtransaction lives
        // until the chunk commits either way (hence chunks of at most 64 rows, PostgreSQL's cache of subtransactions
        // per session; beyond it every snapshot in the database gets slower).
        return result;
    }

    private interface Jdbc<T> {
        T call() throws SQLException;
    }

    private static <T> T call(Jdbc<T> statement) {
        try {
            return statement.call();
        } catch (SQLException e) {
            throw new SavepointFailedException(e);
        }
    }

    /** The database refused a savepoint operation: the chunk cannot go on and is rolled back whole. */
    static final class SavepointFailedException extends org.springframework.dao.DataAccessResourceFailureException {
        SavepointFailedException(SQLException cause) {
            super("Savepoint failed: " + cause.getMessage(), cause);
        }
    }
}
