package io.billfold.platform.personaldata;

import io.billfold.platform.database.PostgresListener;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Evicts erased customers' keys on every node: an erasure sends {@code NOTIFY billfold_erasures} with the customer's
 * id in its transaction, which PostgreSQL delivers to every listening process when (and only if) it commits. While
 * this node's listening connection is down it may miss some, so on every (re)connection it empties its whole cache.
 * Others that keep customers in memory (the command side's aggregates) listen too.
 */
final class ErasureSignal extends PostgresListener implements Erasures {

    static final String CHANNEL = "billfold_erasures";

    private final DataKeys keys;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    ErasureSignal(DataSource dataSource, DataKeys keys) {
        super(dataSource, CHANNEL, "erasure-signal");
        this.keys = keys;
    }

    @Override
    public void onErasure(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Whatever was erased while this node was not listening is no longer in its cache. */
    @Override
    protected void listening() {
        keys.evictAll();
    }

    @Override
    protected void notified(PGNotification[] notifications) {
        for (PGNotification notification : notifications) {
            keys.evict(notification.getParameter());
            listeners.forEach(listener -> listener.accept(notification.getParameter()));
        }
    }
}
