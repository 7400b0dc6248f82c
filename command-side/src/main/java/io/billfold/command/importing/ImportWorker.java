package io.billfold.command.importing;

import io.billfold.api.MetadataKeys;
import io.billfold.api.customer.CustomerImportCompletedEvent;
import io.billfold.platform.auth.Caller;
import io.billfold.platform.auth.CallerContext;
import io.billfold.platform.auth.Role;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs imports in the background, on every command node. A node leases one import at a time (a lease it extends
 * with every chunk; a job whose node died is taken over when its lease runs out, also after a restart) and applies
 * its rows level by level with several workers. Each worker takes a chunk of pending rows (locked, so two workers
 * never take the same row), applies them (each in a savepoint once one of them was rejected), and commits the chunk
 * together with the rows' state, their errors and the job's counters, but only while this node still holds the lease:
 * a row is applied exactly once.
 * <p>
 * Why a lease and not a {@code skip locked} claim alone: a row lock lasts one transaction, and an import runs for
 * minutes over many chunk transactions (each bounded by the 30 s transaction timeout), so the job's claim must outlive
 * them; {@code skip locked} is what takes the job and each chunk of rows. Why not db-scheduler: its executions are
 * owned the same way (a row with the node that picked it and a heartbeat, declared dead after missed heartbeats), but
 * the heartbeat commits on a thread of its own, so a node that lost its execution could still commit a chunk after
 * another node took over. Here every chunk's transaction checks the lease and extends it
 * ({@code ImportStore.advance}), so the chunk of a node that lost it rolls back
 * ({@code CsvImportApiTest.anImportLeftRunningByADeadNodeResumesWithoutApplyingARowTwice}).
 */
@Component
@EnableConfigurationProperties(ImportSettings.class)
class ImportWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);
    private static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(5);
    /** After a database failure an import waits this long before it is taken up again, and others get their turn. */
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    /** The aggregate type of an import's completion event in the event store. */
    static final String IMPORT_AGGREGATE_TYPE = "CustomerImport";

    private final ImportStore store;
    private final ImportRows rows;
    private final EventBus eventBus;
    private final TransactionTemplate chunkTransaction;
    private final TransactionTemplate shortTransaction;
    private final String node = "node-" + UUID.randomUUID();
    private final int workers;
    private final int chunkSize;
    private final Duration lease;
    private final Duration pollInterval;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private ExecutorService workerThreads;
    private Thread dispatcher;

    ImportWorker(ImportStore store, ImportRows rows, ImportTransactions importTransactions,
                 PlatformTransactionManager transactions, EventBus eventBus,
                 ImportSettings settings) {
        this.store = store;
        this.rows = rows;
        this.eventBus = eventBus;
        this.chunkTransaction = importTransactions.chunk();
        this.shortTransaction = new TransactionTemplate(transactions);
        this.workers = settings.workers();
        this.chunkSize = settings.chunkSize();
        this.lease = settings.lease();
        this.pollInterval = settings.pollInterval();
    }

    /** Looks for work now rather than at the next poll (an import was just stored). */
    void wakeUp() {
        wakeUp.release();
    }

    @Override
    public void start() {
        running.set(true);
        workerThreads = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "import-worker");
            thread.setDaemon(true);
            return thread;
        });
        dispatcher = new Thread(this::dispatch, "import-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    @Override
    public void stop() {
        running.set(false);
        dispatcher.interrupt();
        workerThreads.shutdown();
        try {
            if (!workerThreads.awaitTermination(20, TimeUnit.SECONDS)) {
                workerThreads.shutdownNow();
            }
            dispatcher.join(TimeUnit.SECONDS.toMillis(5));
            store.releaseAll(node);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (DataAccessException e) {
            log.warn("Could not hand over imports on shutdown; they resume when their lease runs out: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    private void dispatch() {
        while (running.get()) {
            try {
                wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
                Optional<ImportJob> job;
                while (running.get() && (job = store.claimNext(node, lease)).isPresent()) {
                    run(job.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (DataAccessException e) {
                log.warn("Import dispatcher could not reach the database: {}", e.getMessage());
            }
        }
    }

    private void run(ImportJob job) throws InterruptedException {
        log.info("Import {} started on {}: {} rows, dry_run={}, on_conflict={}", job.importId(), node,
                job.totalRows(), job.dryRun(), job.onConflict().apiName());
        CsvRowMapping mapping = new CsvRowMapping(job.columns());
        ProgressLog progress = new ProgressLog(job);
        try {
            OptionalInt level;
            while (running.get() && (level = store.lowestPendingLevel(job.importId())).isPresent()) {
                if (!runLevel(job, mapping, level.getAsInt(), progress)) {
                    log.info("Import {}: lease lost to another node, stopping here", job.importId());
                    return;
                }
            }
            if (running.get()) {
                shortTransaction.executeWithoutResult(status -> finish(job, "succeeded"));
                log.info("Import {} finished: {}", job.importId(), progress.summary());
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DataAccessException || cause instanceof TransactionException) {
                log.warn("Import {} interrupted by a database failure, will resume: {}", job.importId(), cause.getMessage());
                releaseQuietly(job);
            } else {
                log.error("Import {} failed", job.importId(), cause);
                shortTransaction.executeWithoutResult(status -> {
                    store.addImportError(job.importId(), "import_failed",
                            "the import stopped on an unexpected error; the rows counted as processed were applied");
                    finish(job, "failed");
                });
            }
        }
    }

    /**
     * Applies the pending rows of one level with all workers, in one pass in row order; false when the lease was
     * lost. Rows another worker held while the pass went by and then gave back (its chunk rolled back) are still
     * pending, and the next pass takes them.
     */
    private boolean runLevel(ImportJob job, CsvRowMapping mapping, int level, ProgressLog progress)
            throws InterruptedException, ExecutionException {
        AtomicBoolean leaseLost = new AtomicBoolean();
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger applied = new AtomicInteger();
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            tasks.add(workerThreads.submit(() -> {
                Caller uploader = new Caller(job.organizationId(), job.actorId(), job.actorName(),
                        Role.ofApiName(job.actorRole()).orElse(Role.WRITER), false);
                try (CallerContext.Scope scope = CallerContext.open(new CallerContext.Current(uploader,
                        job.requestId(), null))) {
                    int chunk;
                    while (running.get() && !leaseLost.get()
                            && (chunk = applyChunk(job, mapping, level, taken, leaseLost)) > 0) {
                        applied.addAndGet(chunk);
                        progress.add(chunk);
                    }
                }
            }));
        }
        for (Future<?> task : tasks) {
            task.get();
        }
        if (leaseLost.get()) {
            return false;
        }
        if (applied.get() == 0 && running.get()) {
            // Nothing was free at this level although rows are pending: another worker holds them. Wait a little,
            // unless the import is no longer ours.
            if (!store.stillHolds(job.importId(), node)) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return true;
    }

    /**
     * One chunk in one transaction: its rows, their state and errors, the job's counters. The rows it applied.
     * {@code taken} is the highest row number this pass has handed out. Rows are applied without a savepoint each
     * (a round trip and a subtransaction per row) until one is rejected; then the chunk is rolled back and applied
     * again with every row in its own savepoint, so a file with few bad rows pays for them only in their chunks. A
     * dry run's rows are all in savepoints from the start.
     */
    private int applyChunk(ImportJob job, CsvRowMapping mapping, int level, AtomicInteger taken,
                           AtomicBoolean leaseLost) {
        int after = taken.get();
        try {
            return applyChunk(job, mapping, level, after, job.dryRun(), taken, leaseLost);
        } catch (ImportRows.RowRejectedException rejected) {
            return applyChunk(job, mapping, level, after, true, taken, leaseLost);
        }
    }

    private int applyChunk(ImportJob job, CsvRowMapping mapping, int level, int after, boolean isolated,
                           AtomicInteger taken, AtomicBoolean leaseLost) {
        Integer applied = chunkTransaction.execute(status -> {
            List<StoredRow> chunk = store.takeRows(job.importId(), level, after, chunkSize);
            if (chunk.isEmpty()) {
                return 0;
            }
            taken.accumulateAndGet(chunk.get(chunk.size() - 1).rowNumber(), Math::max);
            List<RowResult> results = chunk.stream().map(row -> rows.apply(job, mapping, row, isolated)).toList();
            store.recordResults(job.importId(), results);
            if (!store.advance(job.importId(), node, progressOf(results), lease)) {
                leaseLost.set(true);
                status.setRollbackOnly();
                return 0;
            }
            return results.size();
        });
        return applied == null ? 0 : applied;
    }

    /**
     * Ends the import and, in the same transaction, records {@link CustomerImportCompletedEvent} in the event store:
     * the import is no aggregate, so the event is published as the one event of the import's id (sequence 0), which
     * also makes a second completion of the same import impossible.
     */
    private void finish(ImportJob job, String status) {
        store.finish(job.importId(), node, status).ifPresent(counts -> {
            Map<String, Object> metadata = new HashMap<>();
            metadata.put(MetadataKeys.ORGANIZATION_ID, job.organizationId());
            metadata.put(MetadataKeys.ACTOR_ID, job.actorId());
            metadata.put(MetadataKeys.ACTOR_NAME, job.actorName());
            if (job.requestId() != null) {
                metadata.put(MetadataKeys.REQUEST_ID, job.requestId());
            }
            eventBus.publish(new GenericDomainEventMessage<>(IMPORT_AGGREGATE_TYPE, job.importId(), 0,
                    new CustomerImportCompletedEvent(job.importId(), job.organizationId(), status, job.dryRun(),
                            job.onConflict().apiName(), counts), metadata));
        });
    }

    private static ImportStore.Progress progressOf(List<RowResult> results) {
        int[] counts = new int[RowResult.Outcome.values().length];
        results.forEach(result -> counts[result.outcome().ordinal()]++);
        return new ImportStore.Progress(results.size(), counts[RowResult.Outcome.CREATED.ordinal()],
                counts[RowResult.Outcome.UPDATED.ordinal()], counts[RowResult.Outcome.SKIPPED.ordinal()],
                counts[RowResult.Outcome.FAILED.ordinal()]);
    }

    private void releaseQuietly(ImportJob job) {
        try {
            store.release(job.importId(), node, RETRY_DELAY);
        } catch (DataAccessException e) {
            log.warn("Import {}: could not release its lease; it resumes when the lease runs out", job.importId());
        }
    }

    /** Operators' view of a running import, logged every few seconds: counts only, never row contents. */
    private static final class ProgressLog {
        private final ImportJob job;
        private final long startedAt = System.nanoTime();
        private final AtomicInteger applied = new AtomicInteger();
        private volatile long lastLogAt = System.nanoTime();

        ProgressLog(ImportJob job) {
            this.job = job;
        }

        void add(int rows) {
            applied.addAndGet(rows);
            long now = System.nanoTime();
            long last = lastLogAt;
            if (now - last >= PROGRESS_LOG_INTERVAL.toNanos()) {
                lastLogAt = now;
                log.info("Import {}: {}", job.importId(), summary());
            }
        }

        String summary() {
            double seconds = Math.max(1e-3, (System.nanoTime() - startedAt) / 1e9);
            return String.format("%d of %d rows applied by this node in %.1f s (%.0f rows/s)",
                    applied.get(), job.totalRows(), seconds, applied.get() / seconds);
        }
    }
}
