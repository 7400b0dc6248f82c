package io.billfold.projection;

import io.billfold.projection.NoteProjection.NoteWritten;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine takes from Axon's internals, beyond its documented API, pinned here so that an Axon upgrade that
 * changes any of it fails this test instead of the engine quietly misbehaving:
 * <ul>
 *     <li>{@code ProjectionPositions} decides which segment handles a stored event from its aggregate identifier alone
 *     ({@code Segment.matches(aggregateId)}) and which projection handles it from its payload type alone: that is
 *     only true while the processors' sequencing policy is per aggregate and the invoker hashes its result;</li>
 *     <li>{@code WakeableScheduler} brings forward the coordinator's delayed look at its work packages: that is only
 *     useful while the coordinator, its queues full, reschedules itself on its executor with
 *     {@code schedule(Runnable, 100, MILLISECONDS)}, and only harmless while running it early is (which the
 *     coordinator's own code allows: it also runs whenever events are signalled).</li>
 * </ul>
 * Segment sharing (a coordinator above its {@code maxSegmentProvider} releases segments) and the token store's
 * segment creation are covered by {@code MultiNodeTest} and {@code ProjectionTokenStoreTest}.
 */
@SpringBootTest(properties = "billfold.projections.claim-extension=1h")
class AxonInternalsTest extends EngineContextTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aProjectionsSegmentsSplitItsEventsByTheHashOfTheirAggregate() {
        assertThat(processing.sequencingPolicy(NoteProjection.PROCESSING_GROUP))
                .isInstanceOf(SequentialPerAggregatePolicy.class);
        EventHandlerInvoker handlers = ((AbstractEventProcessor) processing
                .eventProcessor(NoteProjection.PROCESSING_GROUP).orElseThrow()).eventHandlerInvoker();
        int[] ids = {0, 1, 2, 3};
        for (int i = 0; i < 200; i++) {
            String noteId = "note_" + UUID.randomUUID();
            EventMessage<?> event = new GenericDomainEventMessage<>("Note", noteId, i, new NoteWritten(noteId, "x"));
            for (int id : ids) {
                Segment segment = Segment.computeSegment(id, ids);
                assertThat(handlers.canHandle(event, segment)).as("segment %d of %s", id, noteId)
                        .isEqualTo(segment.matches(noteId));
            }
        }
        assertThat(handlers.canHandleType(NoteWritten.class)).isTrue();
        assertThat(handlers.canHandleType(String.class)).isFalse();
    }

    @Test
    void aCoordinatorWhoseQueueIsFullLooksAgainThroughADelayedTaskOnItsExecutor() throws InterruptedException {
        RecordingScheduler coordinator = new RecordingScheduler();
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(1);
        BlockedHandler handler = new BlockedHandler();
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine()).build();
        store.publish(IntStream.range(0, 1_100).mapToObj(i -> GenericEventMessage.asEventMessage("event " + i))
                .toList());
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name("pinned")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(List.of(handler)).build())
                .messageSource(store)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.instance())
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(1)
                .build();
        try {
            processor.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!coordinator.delays.contains(100L) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(coordinator.delays).as("delays of the coordinator's own tasks, in ms").contains(100L);
        } finally {
            handler.release.countDown();
            processor.shutDown();
            coordinator.shutdownNow();
            workers.shutdownNow();
            store.shutDown();
        }
    }

    /** Handles the first event only once released, so the events behind it fill its work package's queue. */
    static class BlockedHandler {
        final CountDownLatch release = new CountDownLatch(1);

        @EventHandler
        void on(String event) throws InterruptedException {
            release.await(30, TimeUnit.SECONDS);
        }
    }

    /** A coordinator's executor that notes the delay of every task it is asked to run later. */
    static class RecordingScheduler extends ScheduledThreadPoolExecutor {
        final Set<Long> delays = ConcurrentHashMap.newKeySet();

        RecordingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delays.add(unit.toMillis(delay));
            return super.schedule(command, delay, unit);
        }
    }
}
