package io.billfold.platform.personaldata;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Evicts erased customers' keys on every node: an erasure sends {@code NOTIFY billfold_erasures} with the customer's
 * id in its transaction, which PostgreSQL delivers to every listening process when (and only if) it commits. While
 * this node's listening connection is down it may miss some, so on every (re)connection it empties its whole cache.
 * Others that keep customers in memory (the command side's aggregates) listen too.
 */
final class ErasureSignal implements SmartLifecycle, Erasures {

    static final String CHANNEL = "billfold_erasures";
    private static final Logger log = LoggerFactory.getLogger(ErasureSignal.class);
    private static final int WAIT_MILLIS = 1000;

    private final DataSource dataSource;
    private final DataKeys keys;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private Thread thread;

    ErasureSignal(DataSource dataSource, DataKeys keys) {
        this.dataSource = dataSource;
        this.keys = keys;
    }

    @Override
    public void onErasure(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "erasure-signal");
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
                statement.execute("LISTEN " + CHANNEL);
                keys.evictAll();
                PGConnection listening = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = listening.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            keys.evict(notification.getParameter());
                            listeners.forEach(listener -> listener.accept(notification.getParameter()));
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Listening for erasures failed ({}); retrying in 1 s", e.getMessage());
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
