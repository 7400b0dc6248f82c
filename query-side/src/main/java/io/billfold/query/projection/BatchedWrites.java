package io.billfold.query.projection;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lets projection handlers defer their writes to the end of the processor's batch, where each statement runs once
 * as a JDBC batch for all the events that queued it: one round trip per statement and batch instead of one per
 * event, which is what makes a replay fast.
 * <p>
 * Queued writes run by stage, lowest first, and within a stage in the order their statements were first queued; a
 * handler gives each statement the stage that puts it after the writes it depends on. A handler that reads the read
 * model calls {@link #flush()} first, so it sees every earlier event's writes. Outside a unit of work (a test calling
 * a handler), and while {@link DeadLetterParking} isolates events one by one, writes run at once.
 */
public final class BatchedWrites {

    private static final String RESOURCE = BatchedWrites.class.getName();

    private final JdbcTemplate jdbc;
    private final TreeMap<Integer, Map<String, List<Object[]>>> stages = new TreeMap<>();
    private boolean immediate;

    private BatchedWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs the statement when the batch commits, or at once where writes cannot wait. */
    public static void queue(JdbcTemplate jdbc, int stage, String sql, Object... arguments) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, arguments);
            return;
        }
        BatchedWrites writes = of(CurrentUnitOfWork.get(), jdbc);
        if (writes.immediate) {
            jdbc.update(sql, arguments);
            return;
        }
        writes.stages.computeIfAbsent(stage, key -> new LinkedHashMap<>())
                .computeIfAbsent(sql, key -> new ArrayList<>()).add(arguments);
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

    /** From now until the batch ends, every write runs at once (after those already queued). */
    static void immediately(UnitOfWork<?> unitOfWork) {
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
        for (Map<String, List<Object[]>> statements : stages.values()) {
            statements.forEach((sql, arguments) -> {
                if (arguments.size() == 1) {
                    jdbc.update(sql, arguments.get(0));
                } else {
                    jdbc.batchUpdate(sql, arguments);
                }
            });
        }
        stages.clear();
    }
}
