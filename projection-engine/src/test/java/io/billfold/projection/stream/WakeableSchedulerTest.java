package io.billfold.projection.stream;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A coordinator's delayed look is brought forward by a wake-up, and still happens once. */
class WakeableSchedulerTest {

    private final WakeableScheduler scheduler = new WakeableScheduler("test-coordinator");

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aDelayedTaskRunsAfterItsDelayWithoutAWakeUp() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.schedule(ran::countDown, 50, TimeUnit.MILLISECONDS);

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aWakeUpRunsADelayedTaskAtOnce() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.schedule(ran::countDown, 1, TimeUnit.HOURS);

        scheduler.wakeUp();

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aTaskWokenUpDoesNotRunAgainWhenItsDelayPasses() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.schedule(() -> {
            runs.incrementAndGet();
            ran.countDown();
        }, 200, TimeUnit.MILLISECONDS);
        scheduler.wakeUp();
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();

        // A task due after the first one's delay runs after it would have: by then it has not run again.
        CountDownLatch later = new CountDownLatch(1);
        scheduler.schedule(later::countDown, 400, TimeUnit.MILLISECONDS);
        assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aCommittedBatchWakesTheCoordinatorOnceButAnUnfinishedOneDoesNot() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.schedule(ran::countDown, 1, TimeUnit.HOURS);
        var interceptor = WakeableScheduler.wakingAfterEachBatch(() -> scheduler);
        DefaultUnitOfWork<EventMessage<?>> batch =
                DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        assertThat(interceptor.handle(batch, () -> "first")).isEqualTo("first");
        assertThat(interceptor.handle(batch, () -> "second")).isEqualTo("second");
        assertThat(ran.await(100, TimeUnit.MILLISECONDS)).isFalse();

        batch.commit();

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
