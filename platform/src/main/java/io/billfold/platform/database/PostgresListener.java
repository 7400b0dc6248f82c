package io.billfold.platform.database;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Listens to one PostgreSQL channel on a connection and a daemon thread of its own, from the application's start to
 * its stop. PostgreSQL delivers a {@code NOTIFY} to every listening process when (and only if) its transaction
 * commits. After a failure the connection is opened again a second later; what was sent meanwhile is missed, which
 * the subclass makes up for in {@link #listening()} (every (re)connection) or {@link #failed()}.
 */
public abstract class PostgresListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostgresListener.class);
    private static final int WAIT_MILLIS = 1000;
    private static final PGNotification[] NONE = new PGNotification[0];

    private final DataSource dataSource;
    private final String channel;
    private final String threadName;
    private volatile boolean running;
    private Thread thread;

    protected PostgresListener(DataSource dataSource, String channel, String threadName) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.threadName = threadName;
    }

    /** Runs on the listening thread once the channel is listened to, after every (re)connection. */
    protected void listening() {
    }

    /** Runs on the listening thread with what arrived, at the latest a second after the last call (then empty). */
    protected abstract void notified(PGNotification[] notifications);

    /** Runs on the listening thread after the connection failed, a second before the next attempt. */
    protected void failed() {
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, threadName);
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
                statement.execute("LISTEN " + channel);
                listening();
                PGConnection listener = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = listener.getNotifications(WAIT_MILLIS);
                    notified(notifications == null ? NONE : notifications);
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Listening on {} failed ({}); retrying in 1 s", channel, e.getMessage());
                    failed();
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
