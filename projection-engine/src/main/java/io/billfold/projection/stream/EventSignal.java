package io.billfold.projection.stream;

import io.billfold.platform.eventstore.CommitSignal;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Wakes the projections when events are committed, on this node or any other: the event store sends
 * {@code NOTIFY billfold_events} inside every appending transaction (so it is delivered exactly at commit), and this
 * listens on a connection of its own. It also wakes them every second, in case a notification was missed while the
 * connection was being re-established.
 */
@Component
public class EventSignal implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventSignal.class);
    private static final int WAIT_MILLIS = 1000;

    private final DataSource dataSource;
    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();
    private volatile boolean running;
    private Thread thread;

    EventSignal(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Calls {@code listener} (on the listening thread, so it must be quick) whenever events were committed. */
    public void register(Runnable listener) {
        listeners.add(listener);
    }

    public void unregister(Runnable listener) {
        listeners.remove(listener);
    }

    private void wake() {
        listeners.forEach(Runnable::run);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "event-signal");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CommitSignal.CHANNEL);
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    notifications.getNotifications(WAIT_MILLIS);
                    wake();
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Listening for committed events failed ({}); retrying in 1 s", e.getMessage());
                    wake();
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
