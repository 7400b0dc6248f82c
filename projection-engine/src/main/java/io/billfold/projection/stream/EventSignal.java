package io.billfold.projection.stream;

import io.billfold.platform.database.PostgresListener;
import io.billfold.platform.eventstore.CommitSignal;
import org.postgresql.PGNotification;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Wakes the projections when events are committed, on this node or any other: the event store sends
 * {@code NOTIFY billfold_events} inside every appending transaction (so it is delivered exactly at commit), and this
 * listens on a connection of its own. It also wakes them every second, in case a notification was missed while the
 * connection was being re-established.
 */
@Component
public class EventSignal extends PostgresListener {

    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();

    EventSignal(DataSource dataSource) {
        super(dataSource, CommitSignal.CHANNEL, "event-signal");
    }

    /** Calls {@code listener} (on the listening thread, so it must be quick) whenever events were committed. */
    public void register(Runnable listener) {
        listeners.add(listener);
    }

    public void unregister(Runnable listener) {
        listeners.remove(listener);
    }

    /** Wakes the projections whenever events were committed, and every second in any case. */
    @Override
    protected void notified(PGNotification[] notifications) {
        wake();
    }

    @Override
    protected void failed() {
        wake();
    }

    private void wake() {
        listeners.forEach(Runnable::run);
    }
}
