package io.billfold.query.event;

import io.billfold.platform.background.WakeableLoop;
import io.billfold.platform.database.PlannedPerExecution;
import io.billfold.projection.position.ProjectionPositions;
import io.billfold.projection.stream.EventSignal;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The feed's frontier: every position below it is final, so the feed shows only events below it. Global indexes are
 * taken when an event is inserted and a transaction that took a lower one may commit after one that took a higher one,
 * so an event is shown only once no lower index can still appear: a reader that went past 10 would otherwise never
 * see 9 committed after it.
 * <p>
 * The {@code events} projection's tokens say what it has handled: everything up to each segment's index except the
 * segment's gaps. A gap is an index some transaction took without (yet) committing, or one an aborted transaction took
 * and that never fills. The event store takes each transaction's id before its global index
 * ({@code PostgresEventStorageEngine}), so when a gap is first seen here the transaction that took it has an id below
 * the current snapshot's xmax; once a later snapshot's xmin is at or above that xmax every such transaction has ended,
 * and the gap is either stored (the projection handles it next, and the frontier waits) or never will be (it is passed).
 * That takes as long as the longest transaction that was running, instead of Axon's gap timeout (an hour).
 * <p>
 * One thread per node recomputes the frontier: when the projection commits a batch here, when events are committed
 * on any node ({@code NOTIFY billfold_events}), every 50 ms while it is behind the event store (segments that handle
 * none of the latest events store their tokens only at their next claim extension) and every second otherwise. A
 * projection event parked as a dead letter holds the frontier until an operator retries or drops it.
 */
@Component
class FeedFrontier extends WakeableLoop {

    private static final Duration BEHIND_WAIT = Duration.ofMillis(50);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

    /** Called with the old and the new frontier when it advances. */
    interface Listener {
        void advanced(long from, long to);
    }

    private final JdbcTemplate jdbc;
    private final ProjectionPositions positions;
    private final EventSignal signal;
    private final Runnable onCommit = this::wakeUp;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Each gap seen in a token, with the xmax of the snapshot in which it was first seen. */
    private final Map<Long, Long> gaps = new HashMap<>();
    private volatile long frontier = 1;

    FeedFrontier(JdbcTemplate jdbc, ProjectionPositions positions, EventSignal signal) {
        super("feed-frontier");
        this.jdbc = jdbc;
        this.positions = positions;
        this.signal = signal;
    }

    /** The lowest position that may not be final yet: the feed shows the positions below it. */
    long frontier() {
        return frontier;
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void start() {
        signal.register(onCommit);
        super.start();
    }

    @Override
    public void stop() {
        signal.unregister(onCommit);
        super.stop();
    }

    @Override
    protected Duration step() {
        return refresh() ? BEHIND_WAIT : IDLE_WAIT;
    }

    /** Recomputes the frontier; true while events committed at or above it may yet be handled. */
    boolean refresh() {
        List<TrackingToken> tokens = positions.tokens(List.of(PublicEventProjection.PROCESSING_GROUP));
        if (tokens.isEmpty() || tokens.contains(null)) {
            return true;
        }
        Set<Long> candidates = new TreeSet<>();
        for (TrackingToken token : tokens) {
            candidates.addAll(gapsOf(token));
        }
        Snapshot snapshot = jdbc.query(PlannedPerExecution.statement("""
                        select pg_snapshot_xmin(pg_current_snapshot())::text,
                               pg_snapshot_xmax(pg_current_snapshot())::text,
                               array(select global_index from domain_event_entry where global_index = any(?)),
                               (select max(global_index) from domain_event_entry),
                               (select min(global_index) from projection_dead_letter where processing_group = ?)
                        """, candidates.toArray(Long[]::new), PublicEventProjection.PROCESSING_GROUP),
                (rs, row) -> new Snapshot(Long.parseLong(rs.getString(1)), Long.parseLong(rs.getString(2)),
                        stored(rs.getArray(3)), (Long) rs.getObject(4), (Long) rs.getObject(5))).get(0);
        synchronized (gaps) {
            gaps.keySet().retainAll(candidates);
            candidates.forEach(gap -> gaps.putIfAbsent(gap, snapshot.xmax()));
        }
        long computed = Long.MAX_VALUE;
        for (TrackingToken token : tokens) {
            computed = Math.min(computed, bound(token, snapshot));
        }
        if (snapshot.lowestParked() != null) {
            computed = Math.min(computed, snapshot.lowestParked());
        }
        long previous = frontier;
        long next = computed;
        frontier = next;
        if (next > previous) {
            listeners.forEach(listener -> listener.advanced(previous, next));
        }
        return snapshot.head() != null && snapshot.head() >= next;
    }

    private record Snapshot(long xmin, long xmax, Set<Long> stored, Long head, Long lowestParked) {
    }

    /** The lowest position a segment's token has not passed for good: its first live gap, else the next index. */
    private long bound(TrackingToken token, Snapshot snapshot) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        for (long gap : gapsOf(current)) {
            Long seenWithXmax;
            synchronized (gaps) {
                seenWithXmax = gaps.get(gap);
            }
            boolean everyWriterEnded = seenWithXmax != null && snapshot.xmin() >= seenWithXmax;
            if (!everyWriterEnded || snapshot.stored().contains(gap)) {
                return gap;
            }
        }
        return current.position().orElse(0) + 1;
    }

    private static Set<Long> gapsOf(TrackingToken token) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        return current instanceof GapAwareTrackingToken gapAware ? gapAware.getGaps() : Set.of();
    }

    private static Set<Long> stored(Array array) throws java.sql.SQLException {
        return new HashSet<>(Arrays.asList((Long[]) array.getArray()));
    }
}
