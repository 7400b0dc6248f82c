package io.billfold.projection.stream;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The single thread of a pooled processor's coordinator, whose waits can be cut short. When its work package's queue
 * is full (1,024 events) Axon's coordinator looks again only 100 ms later, and nothing tells it sooner that the queue
 * has room: a replay that processes 1,000 events in well under 100 ms then waits for most of every cycle (its
 * threads and PostgreSQL were 75 % idle). {@link #wakeUp()} runs every delayed task now, as if its delay had passed;
 * the coordinator tolerates any timing, as it also runs whenever events are signalled.
 */
public final class WakeableScheduler extends ScheduledThreadPoolExecutor {

    private final Set<Delayed> delayed = ConcurrentHashMap.newKeySet();

    /** Runs its tasks on one daemon thread of this name. */
    public WakeableScheduler(String threadName) {
        super(1, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (delay <= 0) {
            return super.schedule(command, delay, unit);
        }
        Delayed task = new Delayed(command);
        delayed.add(task);
        task.timer = super.schedule(task, delay, unit);
        return task.timer;
    }

    /**
     * A handler interceptor for the processor that {@code coordinator} (when there is one yet) coordinates: once a
     * batch with events commits, its work package's queue has room, and the coordinator is woken to refill it.
     */
    public static MessageHandlerInterceptor<EventMessage<?>> wakingAfterEachBatch(Supplier<WakeableScheduler> coordinator) {
        return (unitOfWork, chain) -> {
            WakeableScheduler scheduler = coordinator.get();
            if (scheduler != null) {
                unitOfWork.root().getOrComputeResource(WakeableScheduler.class.getName(), key -> {
                    unitOfWork.root().afterCommit(committed -> scheduler.wakeUp());
                    return Boolean.TRUE;
                });
            }
            return chain.proceed();
        };
    }

    /** Runs the tasks waiting for their delay at once (each still runs once only). */
    void wakeUp() {
        for (Delayed task : delayed) {
            execute(task);
        }
    }

    private final class Delayed implements Runnable {
        private final Runnable command;
        private final AtomicBoolean ran = new AtomicBoolean();
        private volatile ScheduledFuture<?> timer;

        Delayed(Runnable command) {
            this.command = command;
        }

        @Override
        public void run() {
            if (ran.compareAndSet(false, true)) {
                delayed.remove(this);
                ScheduledFuture<?> pending = timer;
                if (pending != null) {
                    pending.cancel(false);
                }
                command.run();
            }
        }
    }
}
