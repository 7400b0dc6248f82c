package io.billfold.projection.processing;

import com.zaxxer.hikari.HikariDataSource;
import io.billfold.projection.ProjectionSettings;
import io.billfold.projection.ReadModel;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Shares each projection's segments among the query nodes of one database. Axon's coordinator claims every segment
 * nobody holds, so the first node would keep them all while the others idle. Each node announces itself with a
 * session-level advisory lock {@code (NAMESPACE, slot)} on a connection of its own, held for its lifetime. Every claim
 * interval it counts the nodes holding such a lock and, from its rank among their slots, computes its quota of each
 * projection's segments. The live processors ask for that quota ({@link MaxSegmentProvider}, wired in
 * {@link ProjectionProcessing}): a coordinator above it releases its surplus, which another node's coordinator then
 * claims, and one below it claims what nobody holds. A node that dies loses its lock with its session, so the
 * survivors' quotas grow and they claim its segments once its claims time out.
 */
@Component("segmentSharing")
class SegmentSharing implements SmartLifecycle, HealthIndicator {

    /** First key of the presence locks; Billfold's other advisory locks use the one-key (bigint) form. */
    private static final int NAMESPACE = 0x42464e44;
    private static final int MAX_SLOTS = 1024;
    private static final Logger log = LoggerFactory.getLogger(SegmentSharing.class);

    private final DataSource dataSource;
    private final Set<String> projections;
    private final Duration interval;
    /** What this node last learnt; null while it is not present. */
    private volatile Share share;
    private Connection presence;
    private int slot = -1;
    private ScheduledExecutorService ticker;

    SegmentSharing(DataSource dataSource, List<ReadModel> models, ProjectionSettings settings) {
        this.dataSource = dataSource;
        this.projections = models.stream().map(ReadModel::processingGroup).collect(Collectors.toUnmodifiableSet());
        this.interval = settings.claimInterval();
    }

    /**
     * How many segments of a processor this node may hold; every segment while it knows no better (before the
     * processor has segments, or while this node is cut off from the database).
     */
    int maxSegments(String processor) {
        Share current = share;
        return current == null ? Integer.MAX_VALUE : current.quotas().getOrDefault(processor, Integer.MAX_VALUE);
    }

    /** The slots of the nodes present, this node's slot, and its quota per projection that has segments. */
    private record Share(List<Integer> nodes, int slot, Map<String, Integer> quotas) {
    }

    /** For operators, under {@code /actuator/health}: how many nodes share, and this node's part. */
    @Override
    public Health health() {
        Share current = share;
        if (current == null) {
            return Health.unknown().withDetail("present", false).build();
        }
        return Health.up().withDetail("nodes", current.nodes().size()).withDetail("slot", current.slot())
                .withDetail("max_segments", current.quotas()).build();
    }

    /**
     * A node's share of {@code segments} among {@code nodes}: an equal part, and one more for each of the first
     * {@code segments mod nodes} nodes in slot order, so the quotas of all nodes add up to every segment.
     */
    static int quota(int segments, int nodes, int rank) {
        return segments / nodes + (rank < segments % nodes ? 1 : 0);
    }

    private synchronized void tick() {
        try {
            List<Integer> nodes = liveSlots();
            int rank = nodes.indexOf(slot);
            if (rank < 0) {
                throw new SQLException("this node's presence lock is gone");
            }
            Map<String, Integer> next = new TreeMap<>();
            for (Map.Entry<String, Integer> count : segmentCounts().entrySet()) {
                next.put(count.getKey(), quota(count.getValue(), nodes.size(), rank));
            }
            Share learnt = new Share(List.copyOf(nodes), slot, Map.copyOf(next));
            if (!learnt.equals(share)) {
                log.info("{} query node(s) share the projections; this one (slot {}) may hold {}", nodes.size(), slot,
                        next.isEmpty() ? "every segment" : next + " segments");
            }
            share = learnt;
        } catch (SQLException | RuntimeException failure) {
            if (presence != null) {
                log.warn("Lost track of the other query nodes ({}); this node may claim any segment until it is back",
                        failure.toString());
            }
            share = null;
            leave();
        }
    }

    /** The slots of every node present, in order; announces this node first if it is not (or no longer) present. */
    private List<Integer> liveSlots() throws SQLException {
        if (presence == null) {
            join();
        }
        List<Integer> slots = new ArrayList<>();
        try (PreparedStatement statement = presence.prepareStatement("""
                select objid::bigint from pg_locks
                where locktype = 'advisory' and objsubid = 2 and granted and classid = ?::oid
                  and database = (select oid from pg_database where datname = current_database())
                order by 1
                """)) {
            statement.setLong(1, NAMESPACE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    slots.add(rows.getInt(1));
                }
            }
        }
        return slots;
    }

    private void join() throws SQLException {
        Connection connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement()) {
            // A node cut off by the network, not killed, is noticed by PostgreSQL within about 20 s, not hours.
            statement.execute("set tcp_keepalives_idle = 5; set tcp_keepalives_interval = 5; "
                    + "set tcp_keepalives_count = 3");
            for (int candidate = 0; candidate < MAX_SLOTS; candidate++) {
                try (ResultSet locked = statement.executeQuery(
                        "select pg_try_advisory_lock(" + NAMESPACE + ", " + candidate + ")")) {
                    locked.next();
                    if (locked.getBoolean(1)) {
                        presence = connection;
                        slot = candidate;
                        return;
                    }
                }
            }
        } catch (SQLException | RuntimeException failure) {
            connection.close();
            throw failure;
        }
        connection.close();
        throw new SQLException("all " + MAX_SLOTS + " query node slots are taken");
    }

    /**
     * Gives up this node's presence. The connection is closed for good, not returned to the pool, so that its session
     * and the lock end together whatever state it is in.
     */
    private void leave() {
        if (presence == null) {
            return;
        }
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                // Marks it so that the pool closes it when it comes back, below.
                dataSource.unwrap(HikariDataSource.class).evictConnection(presence);
            }
            presence.close();
        } catch (SQLException gone) {
            log.debug("Closing the presence connection failed: {}", gone.toString());
        }
        presence = null;
        slot = -1;
    }

    /** How many segments each live projection has, read on the presence connection like everything here. */
    private Map<String, Integer> segmentCounts() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement statement = presence.prepareStatement(
                "select processor_name, count(*) from token_entry where processor_name = any (?) "
                        + "group by processor_name")) {
            statement.setArray(1, presence.createArrayOf("text", projections.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    /** Runs before the processors start, so that a node joining others does not claim what is theirs first. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    @Override
    public void start() {
        tick();
        ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "segment-sharing");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        ticker.shutdownNow();
        share = null;
        leave();
    }

    @Override
    public boolean isRunning() {
        return ticker != null && !ticker.isShutdown();
    }
}
