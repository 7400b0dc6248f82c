package io.billfold.platform.background;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Background work on a daemon thread of its own: a step that runs whenever it is woken, or when the wait it asked for
 * has passed, from the application's start to its stop. A step that cannot reach the database is logged and tried
 * again after its usual wait. Stopping waits for the step in flight, so its transaction ends before the database may
 * be closed.
 */
public abstract class WakeableLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WakeableLoop.class);

    private final String name;
    private final Semaphore woken = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    protected WakeableLoop(String name) {
        this.name = name;
    }

    /** One round of the work; answers how long to wait for the next one unless woken sooner. */
    protected abstract Duration step() throws InterruptedException;

    /** Runs the next round now (or as soon as the one in flight is done). */
    public void wakeUp() {
        woken.release();
    }

    protected boolean running() {
        return running;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        Duration wait = Duration.ZERO;
        while (running) {
            try {
                woken.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                woken.drainPermits();
                wait = step();
            } catch (InterruptedException e) {
                return;
            } catch (DataAccessException | IllegalStateException e) {
                if (running) {
                    log.warn("{} failed, trying again: {}", name, e.getMessage());
                }
                wait = Duration.ofSeconds(1);
            }
        }
    }
}
