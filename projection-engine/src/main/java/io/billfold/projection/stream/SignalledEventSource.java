package io.billfold.projection.stream;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The event stream of the projections: reads the storage engine from the last token whenever it is asked and has
 * nothing buffered, and calls its processor back when {@link EventSignal} reports committed events. Axon's embedded
 * store offers no such call-back, so its processors poll every 500 ms; this one reacts to the commit itself.
 */
public class SignalledEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStorageEngine storage;
    private final EventSignal signal;

    public SignalledEventSource(EventStorageEngine storage, EventSignal signal) {
        this.storage = storage;
        this.signal = signal;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new SignalledStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return storage.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return storage.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return storage.createTokenAt(dateTime);
    }

    private final class SignalledStream implements BlockingStream<TrackedEventMessage<?>> {

        private final Object available = new Object();
        private final Runnable onSignal = this::signalled;
        /**
         * False once a read began and no signal came since: when its stream runs out, the store is not read again
         * until one comes (a commit, or the safety wake-up every second). The storage engine's stream reads until a
         * batch comes back short, which holds everything committed before it was read; anything committed later
         * signals. The processors ask far more often than events arrive; without this an idle app read the event store
         * 30 to 250 times a second, each read a transaction of its own.
         */
        private volatile boolean signalledSinceEmptyRead = true;
        private TrackingToken lastToken;
        private Stream<? extends TrackedEventMessage<?>> batch;
        private Iterator<? extends TrackedEventMessage<?>> buffered;
        private TrackedEventMessage<?> next;
        private Runnable callback;

        SignalledStream(TrackingToken from) {
            this.lastToken = from;
            signal.register(onSignal);
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return fill() ? Optional.of(next) : Optional.empty();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (fill()) {
                return true;
            }
            if (timeout > 0) {
                synchronized (available) {
                    available.wait(unit.toMillis(timeout));
                }
            }
            return fill();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
            }
            TrackedEventMessage<?> event = next;
            next = null;
            lastToken = event.trackingToken();
            return event;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            return true;
        }

        @Override
        public void close() {
            signal.unregister(onSignal);
            closeBatch();
        }

        /** True when an event is ready; reads the next batch from the store when the buffered one is used up. */
        private boolean fill() {
            if (next != null) {
                return true;
            }
            if (buffered == null) {
                if (!signalledSinceEmptyRead) {
                    return false;
                }
                signalledSinceEmptyRead = false;
                batch = storage.readEvents(lastToken, false);
                buffered = batch.iterator();
            }
            if (buffered.hasNext()) {
                next = buffered.next();
                return true;
            }
            // Asking a used-up stream of the storage engine again would query the store again: it is dropped.
            closeBatch();
            return false;
        }

        private void closeBatch() {
            if (batch != null) {
                batch.close();
                batch = null;
                buffered = null;
            }
        }

        private void signalled() {
            signalledSinceEmptyRead = true;
            synchronized (available) {
                available.notifyAll();
            }
            Runnable onAvailable = callback;
            if (onAvailable != null) {
                onAvailable.run();
            }
        }
    }
}
