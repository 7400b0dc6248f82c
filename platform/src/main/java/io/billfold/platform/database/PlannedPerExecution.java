package io.billfold.platform.database;

import org.postgresql.PGStatement;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.PreparedStatementCreator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Statements PostgreSQL plans for their parameters, and the tables' current size, at every execution. The driver turns
 * a statement run five times into a server-side prepared statement, and PostgreSQL then keeps one generic plan for it,
 * made once and never revisited until the table is analyzed. A plan made while a table was nearly empty scans it
 * whole, however large it grows: with autovacuum off, or in the first minutes of a new database, the webhooks' claims
 * and the event store's reads of a token's gaps scanned every delivery and every event (10 ms each, growing, in the
 * webhooks bench). Planning costs a fraction of a millisecond, so this is for statements whose plan depends on a table's
 * size or on the parameters' values: array look-ups, joins with {@code unnest}, search patterns.
 */
public final class PlannedPerExecution {

    private PlannedPerExecution() {
    }

    /** {@code sql} prepared on {@code connection} so that it is planned again at every execution. */
    public static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        return planned(connection.prepareStatement(sql));
    }

    /** The statement, never turned into a server-side prepared statement: it is planned again at every execution. */
    public static PreparedStatement planned(PreparedStatement statement) throws SQLException {
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        return statement;
    }

    /** {@code sql} with its arguments, bound as {@code JdbcTemplate} binds them, planned again at every execution. */
    public static PreparedStatementCreator statement(String sql, Object... arguments) {
        return connection -> {
            PreparedStatement statement = prepare(connection, sql);
            new ArgumentPreparedStatementSetter(arguments).setValues(statement);
            return statement;
        };
    }
}
