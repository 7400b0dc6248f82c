package io.billfold.platform.eventstore;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Sends {@code NOTIFY billfold_events} in every transaction that appends events. PostgreSQL delivers it when (and
 * only if) the transaction commits, to every listening process, which is what wakes the projections.
 */
@Component
public class CommitSignal implements MessageDispatchInterceptor<EventMessage<?>> {

    /** The channel projections listen on to learn that events were committed. */
    public static final String CHANNEL = "billfold_events";

    private final JdbcTemplate jdbc;

    CommitSignal(JdbcTemplate jdbc, EventStore eventStore) {
        this.jdbc = jdbc;
        eventStore.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (!messages.isEmpty()) {
            jdbc.queryForObject("select pg_notify(?, '')", Object.class, CHANNEL);
        }
        return (index, message) -> message;
    }
}
