package io.billfold.projection.stream;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The projections' stream reads the store once per commit signal: the storage engine's stream already holds everything
 * committed before it was read, so it is not read again until the next signal.
 */
class SignalledEventSourceTest {

    private final EventStorageEngine storage = mock(EventStorageEngine.class);
    private final EventSignal signal = mock(EventSignal.class);

    @Test
    void readsTheStoreOncePerSignal() throws InterruptedException {
        when(storage.readEvents(any(), eq(false))).thenAnswer(read -> Stream.of(event(1)))
                .thenAnswer(read -> Stream.of(event(2)));
        ArgumentCaptor<Runnable> onSignal = ArgumentCaptor.forClass(Runnable.class);

        try (BlockingStream<TrackedEventMessage<?>> stream = new SignalledEventSource(storage, signal)
                .openStream(null)) {
            verify(signal).register(onSignal.capture());
            assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(1));
            assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
            verify(storage, times(1)).readEvents(any(), eq(false));

            onSignal.getValue().run();

            assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(2));
            assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
            verify(storage, times(2)).readEvents(any(), eq(false));
        }
    }

    private static TrackedEventMessage<?> event(long index) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(index),
                GenericEventMessage.asEventMessage("event " + index));
    }
}
