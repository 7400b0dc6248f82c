package io.billfold.projection.replay;

import io.billfold.platform.eventstore.EventPositions;
import io.billfold.projection.ProjectionNotFoundException;
import io.billfold.projection.ProjectionSettings;
import io.billfold.projection.ReadModel;
import io.billfold.projection.deadletter.DeadLetters;
import io.billfold.projection.position.ProjectionPositions;
import io.billfold.projection.stream.EventSignal;
import io.billfold.projection.stream.SignalledEventSource;
import io.billfold.projection.stream.WakeableScheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rebuilds projections without downtime (docs/replay.md). A replay builds the projection's tables from the first
 * event in a schema of its own, with a processor and token of its own, while the live read model keeps answering
 * and keeps being updated. Once the replay has caught up it gets its indexes, and when it has processed at least
 * everything the live projection has, its tables replace the live ones and its token becomes the projection's, in
 * one transaction. The replay's state lives in {@code projection_replay}, so every query node takes part in it
 * (segments are claimed as for any processor) and a restart resumes it.
 */
@Component
public class ProjectionReplays implements SmartLifecycle {

    private static final String PROCESSOR_SUFFIX = ".replay";
    private static final String SCHEMA_PREFIX = "replay_";
    private static final Duration TICK = Duration.ofMillis(500);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ProjectionReplays.class);

    private final Map<String, ReadModel> readModels = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ReplaySchema schemas;
    private final ProjectionPositions positions;
    private final EventPositions events;
    private final DeadLetters deadLetters;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final TransactionManager axonTransactions;
    private final EventStorageEngine storage;
    private final EventSignal signal;
    private final Serializer serializer;
    private final int batchSize;
    private final int segments;
    private final Duration claimExtension;
    private final Map<String, RunningReplay> running = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;

    ProjectionReplays(List<ReadModel> models, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                      ProjectionPositions positions, EventPositions events, DeadLetters deadLetters,
                      EventProcessingConfiguration processing, TokenStore tokenStore,
                      TransactionManager axonTransactions, EventStorageEngine storage, EventSignal signal,
                      Serializer serializer, ProjectionSettings settings) {
        models.forEach(model -> readModels.put(model.processingGroup(), model));
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.schemas = new ReplaySchema(jdbc);
        this.positions = positions;
        this.events = events;
        this.deadLetters = deadLetters;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.axonTransactions = axonTransactions;
        this.storage = storage;
        this.signal = signal;
        this.serializer = serializer;
        this.batchSize = settings.replayBatchSize();
        this.segments = settings.replaySegments();
        this.claimExtension = settings.claimExtension();
    }

    /** A replay as {@code projection_replay} records it. */
    private record Replay(String projection, String schema, String processor, boolean indexed) {
    }

    private record RunningReplay(PooledStreamingEventProcessor processor, ScheduledExecutorService coordinator,
                                 ScheduledExecutorService workers, ProgressLog progress) {
        void stop() {
            processor.shutDown();
            coordinator.shutdownNow();
            workers.shutdownNow();
        }
    }

    /** When progress was last logged, and where the replay stood then. */
    private static final class ProgressLog {
        private long at = System.nanoTime();
        private long position;
    }

    /**
     * Starts rebuilding a projection, in the caller's transaction: a second replay of the same projection is refused
     * until the first has swapped.
     */
    public void start(String projection, String startedBy) {
        ReadModel model = model(projection);
        String schema = SCHEMA_PREFIX + projection;
        String processor = projection + PROCESSOR_SUFFIX;
        int inserted = jdbc.update("""
                insert into projection_replay (projection, schema_name, processor_name, started_by)
                values (?, ?, ?, ?) on conflict do nothing
                """, projection, schema, processor, startedBy);
        if (inserted == 0) {
            throw new ReplayInProgressException(projection);
        }
        jdbc.update("delete from token_entry where processor_name = ?", processor);
        jdbc.update("delete from projection_dead_letter where processing_group = ?", processor);
        schemas.create(schemas.liveSchema(), schema, model.tables(), model.handlerIndexes());
        log.info("Replay of projection {} requested", projection);
    }

    /** How far a running replay is from the head of the event store, from 0 to 1. */
    public OptionalDouble progress(String projection, long head) {
        return replay(projection).map(replay -> {
            long position = position(replay.processor()).orElse(0L);
            return OptionalDouble.of(head <= 0 ? 1 : Math.min(1, (double) position / head));
        }).orElse(OptionalDouble.empty());
    }

    public ReadModel model(String projection) {
        ReadModel model = readModels.get(projection);
        if (model == null) {
            throw new ProjectionNotFoundException(projection);
        }
        return model;
    }

    private Optional<Replay> replay(String projection) {
        return replays().stream().filter(replay -> replay.projection().equals(projection)).findFirst();
    }

    private List<Replay> replays() {
        return jdbc.query("select projection, schema_name, processor_name, indexed from projection_replay",
                (rs, row) -> new Replay(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
    }

    /** The lowest position every segment of a processor has reached; empty until every segment has a token. */
    private Optional<Long> position(String processor) {
        List<TrackingToken> tokens = positions.tokens(List.of(processor));
        if (tokens.isEmpty() || tokens.contains(null)) {
            return Optional.empty();
        }
        return Optional.of(tokens.stream().mapToLong(ProjectionPositions::positionOf).min().orElse(0));
    }

    private void tick() {
        try {
            List<Replay> replays = replays();
            Set<String> active = new HashSet<>();
            for (Replay replay : replays) {
                active.add(replay.projection());
                running.computeIfAbsent(replay.projection(), name -> launch(replay));
                advance(replay);
            }
            running.keySet().stream().filter(name -> !active.contains(name)).toList()
                    .forEach(this::stopLocally);
        } catch (RuntimeException failure) {
            log.warn("Replay step failed, will try again: {}", failure.toString());
        }
    }

    private void advance(Replay replay) {
        Optional<Long> position = position(replay.processor());
        long head = events.head();
        logProgress(replay, position.orElse(0L), head);
        if (position.isEmpty() || position.get() < head) {
            return;
        }
        if (!replay.indexed()) {
            transactions.executeWithoutResult(status -> {
                if (locked(replay) && !jdbc.queryForObject(
                        "select indexed from projection_replay where projection = ? for update", Boolean.class,
                        replay.projection())) {
                    long started = System.nanoTime();
                    ReadModel model = model(replay.projection());
                    schemas.index(schemas.liveSchema(), replay.schema(), model.tables(), model.handlerIndexes());
                    jdbc.update("update projection_replay set indexed = true where projection = ?",
                            replay.projection());
                    log.info("Replay of projection {} caught up; indexes and statistics built in {} ms",
                            replay.projection(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                }
            });
            return;
        }
        Boolean swapped = transactions.execute(status -> swap(replay));
        if (Boolean.TRUE.equals(swapped)) {
            stopLocally(replay.projection());
            deadLetters.forget(replay.projection());
            log.info("Replay of projection {} complete: the rebuilt read model is live", replay.projection());
        }
    }

    /**
     * Swaps the replay's tables in, if it has processed at least everything the live projection has. Both sets of
     * tables are locked first, so neither projection's position can move while they are compared; a batch of the
     * live processor that was waiting for the lock afterwards fails to store its token (the segment is no longer
     * its own), rolls back, and its processor carries on from the replay's token.
     */
    private boolean swap(Replay replay) {
        if (!locked(replay) || jdbc.queryForList("select 1 from projection_replay where projection = ? for update",
                replay.projection()).isEmpty()) {
            return false;
        }
        jdbc.execute("set local lock_timeout = '5s'");
        String liveSchema = schemas.liveSchema();
        List<String> tables = model(replay.projection()).tables();
        schemas.lock(liveSchema, replay.schema(), tables);
        Optional<Long> rebuilt = position(replay.processor());
        long live = positions.tokens(List.of(replay.projection())).stream()
                .mapToLong(token -> token == null ? 0 : ProjectionPositions.positionOf(token)).max().orElse(0);
        if (rebuilt.isEmpty() || rebuilt.get() < live) {
            return false;
        }
        schemas.swap(liveSchema, replay.schema(), tables);
        // The lowest of the replay's tokens holds for each of the live processor's segments, however the two split
        // the events: the few events a segment gets again are harmless to idempotent handlers.
        List<TrackingToken> replayTokens = positions.tokens(List.of(replay.processor()));
        SerializedObject<byte[]> handedOver = serializer.serialize(
                replayTokens.stream().reduce(TrackingToken::lowerBound).orElseThrow(), byte[].class);
        jdbc.update("update token_entry set token = ?, token_type = ?, owner = null where processor_name = ?",
                handedOver.getData(), handedOver.getType().getName(), replay.projection());
        jdbc.update("delete from token_entry where processor_name = ?", replay.processor());
        deadLetters.handOver(replay.processor(), replay.projection());
        jdbc.update("delete from projection_replay where projection = ?", replay.projection());
        return true;
    }

    /** One node at a time indexes or swaps a replay. */
    private boolean locked(Replay replay) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(hashtext(?))",
                Boolean.class, "billfold-replay:" + replay.projection()));
    }

    private void logProgress(Replay replay, long position, long head) {
        RunningReplay local = running.get(replay.projection());
        if (local == null) {
            return;
        }
        ProgressLog progress = local.progress();
        long elapsed = System.nanoTime() - progress.at;
        if (elapsed < PROGRESS_EVERY.toNanos()) {
            return;
        }
        double rate = (position - progress.position) / (elapsed / 1e9);
        log.info("Replay of projection {}: position {} of {} ({}%), {} events/s{}", replay.projection(), position,
                head, head <= 0 ? 100 : Math.round(100.0 * position / head), Math.round(Math.max(0, rate)),
                replay.indexed() ? ", indexed, waiting to swap" : "");
        progress.at = System.nanoTime();
        progress.position = position;
    }

    private RunningReplay launch(Replay replay) {
        AbstractEventProcessor live = (AbstractEventProcessor) processing.eventProcessor(replay.projection())
                .orElseThrow(() -> new ProjectionNotFoundException(replay.projection()));
        AtomicInteger threads = new AtomicInteger();
        WakeableScheduler coordinator = new WakeableScheduler("replay-" + replay.projection() + "-coordinator");
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(segments, task ->
                daemon(task, "replay-" + replay.projection() + "-worker-" + threads.incrementAndGet()));
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(replay.processor())
                .eventHandlerInvoker(live.eventHandlerInvoker())
                .messageSource(new SignalledEventSource(storage, signal))
                .tokenStore(tokenStore)
                .transactionManager(new ReplayTransactionManager(axonTransactions, jdbc, replay.schema(),
                        schemas.liveSchema()))
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                // One segment by default. Before each event it hands out, the coordinator checks every work
                // package's queue for room (ConcurrentLinkedQueue.size(), a walk of up to 1,024 queued events): with
                // four packages that was 28 % of the replay threads' samples in a profile. Two segments overlap one
                // batch's Java work with the other's statements, but their concurrent writes to the same tables cost
                // PostgreSQL more than that saves (1,000,000 events: 81 s with one, 94 s with two).
                .initialSegmentCount(segments)
                .initialToken(StreamableMessageSource::createTailToken)
                .batchSize(batchSize)
                // Segments without events of their own report reaching the head this soon, so the swap need not
                // wait for them.
                .claimExtensionThreshold(claimExtension.toMillis())
                .enableCoordinatorClaimExtension()
                .errorHandler(PropagatingErrorHandler.instance())
                .build();
        processor.registerHandlerInterceptor(deadLetters.parkingFor(replay.processor()));
        processor.registerHandlerInterceptor(WakeableScheduler.wakingAfterEachBatch(() -> coordinator));
        processor.start();
        log.info("Replay of projection {} running on this node", replay.projection());
        return new RunningReplay(processor, coordinator, workers, new ProgressLog());
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private void stopLocally(String projection) {
        RunningReplay replay = running.remove(projection);
        if (replay != null) {
            replay.stop();
        }
    }

    @Override
    public void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "projection-replays"));
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ticker.shutdownNow();
        running.keySet().stream().toList().forEach(this::stopLocally);
    }

    @Override
    public boolean isRunning() {
        return ticker != null && !ticker.isShutdown();
    }
}
