package io.billfold.projection.write;

import io.billfold.platform.database.PlannedPerExecution;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lets projection handlers defer their writes to the end of the processor's batch, where each statement runs once
 * for all the events that queued it: a {@link BulkStatement} as one statement over arrays of their rows, any other as
 * a JDBC batch. One round trip per statement and batch instead of one per event is what makes a replay fast.
 * <p>
 * Queued writes run by stage, lowest first, and within a stage in the order their statements were first queued; a
 * handler gives each statement the stage that puts it after the writes it depends on. A handler that reads the read
 * model calls {@link #flush()} first, so it sees every earlier event's writes. Outside a unit of work (a test calling
 * a handler), and while the dead-letter parking isolates events one by one, writes run at once.
 */
public final class BatchedWrites {

    private static final String RESOURCE = BatchedWrites.class.getName();

    private final JdbcTemplate jdbc;
    /** Per stage, each statement (its SQL, or a {@link BulkStatement}) with the rows queued for it. */
    private final TreeMap<Integer, Map<Object, List<Object[]>>> stages = new TreeMap<>();
    private boolean immediate;

    private BatchedWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs the statement when the batch commits, or at once where writes cannot wait. */
    public static void queue(JdbcTemplate jdbc, int stage, String sql, Object... arguments) {
        enqueue(jdbc, stage, sql, arguments);
    }

    /** Adds a row to the statement, which runs once for all its rows when the batch commits (or at once, as above). */
    public static void queue(JdbcTemplate jdbc, int stage, BulkStatement statement, Object... row) {
        if (row.length != statement.columnTypes().size()) {
            throw new IllegalArgumentException("A row of " + row.length + " values for "
                    + statement.columnTypes().size() + " columns");
        }
        enqueue(jdbc, stage, statement, row);
    }

    private static void enqueue(JdbcTemplate jdbc, int stage, Object statement, Object[] row) {
        if (!CurrentUnitOfWork.isStarted()) {
            execute(jdbc, statement, List.<Object[]>of(row));
            return;
        }
        BatchedWrites writes = of(CurrentUnitOfWork.get(), jdbc);
        if (writes.immediate) {
            execute(jdbc, statement, List.<Object[]>of(row));
            return;
        }
        writes.stages.computeIfAbsent(stage, key -> new LinkedHashMap<>())
                .computeIfAbsent(statement, key -> new ArrayList<>()).add(row);
    }

    /** Runs every write queued so far in this batch. */
    public static void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            BatchedWrites writes = CurrentUnitOfWork.get().root().getResource(RESOURCE);
            if (writes != null) {
                writes.run();
            }
        }
    }

    /**
     * Whether writes queued now wait for the end of the batch: false outside a unit of work and while events are
     * handled one by one. Only then may a handler keep what it wrote in memory for the batch's later events.
     */
    public static boolean deferring() {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        BatchedWrites writes = root.getResource(RESOURCE);
        return writes != null ? !writes.immediate : !Boolean.TRUE.equals(root.getResource(RESOURCE + ".immediate"));
    }

    /** From now until the batch ends, every write runs at once (after those already queued). */
    public static void immediately(UnitOfWork<?> unitOfWork) {
        BatchedWrites writes = unitOfWork.root().getResource(RESOURCE);
        if (writes != null) {
            writes.run();
            writes.immediate = true;
        } else {
            unitOfWork.root().resources().put(RESOURCE + ".immediate", Boolean.TRUE);
        }
    }

    private static BatchedWrites of(UnitOfWork<?> unitOfWork, JdbcTemplate jdbc) {
        UnitOfWork<?> root = unitOfWork.root();
        return root.getOrComputeResource(RESOURCE, key -> {
            BatchedWrites writes = new BatchedWrites(jdbc);
            writes.immediate = Boolean.TRUE.equals(root.getResource(RESOURCE + ".immediate"));
            root.onPrepareCommit(committing -> writes.run());
            return writes;
        });
    }

    private void run() {
        for (Map<Object, List<Object[]>> statements : stages.values()) {
            statements.forEach((statement, rows) -> execute(jdbc, statement, rows));
        }
        stages.clear();
    }

    private static void execute(JdbcTemplate jdbc, Object statement, List<Object[]> rows) {
        if (statement instanceof BulkStatement bulk) {
            executeBulk(jdbc, bulk, rows);
        } else if (rows.size() == 1) {
            jdbc.update((String) statement, rows.get(0));
        } else {
            jdbc.batchUpdate((String) statement, rows);
        }
    }

    private static void executeBulk(JdbcTemplate jdbc, BulkStatement bulk, List<Object[]> rows) {
        jdbc.execute((ConnectionCallback<Integer>) connection -> {
            // A plan kept from the first batches, made while a table was nearly empty, went on scanning it whole
            // (0.8 s per statement in an import).
            try (PreparedStatement statement = PlannedPerExecution.prepare(connection, bulk.sql())) {
                List<String> types = bulk.columnTypes();
                for (int column = 0; column < types.size(); column++) {
                    statement.setArray(column + 1,
                            connection.createArrayOf(types.get(column), bulk.column(column, rows)));
                }
                return statement.executeUpdate();
            }
        });
    }
}
