package io.billfold.platform.eventstore;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Sends {@code NOTIFY billfold_events} in every transaction that appends events. PostgreSQL delivers it when (and
 * only if) the transaction commits, to every listening process, which is what wakes the projections. It is sent once,
 * just before the commit, however many commands the transaction ran (an import chunk runs fifty).
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
            signalOnCommit();
        }
        return (index, message) -> message;
    }

    /**
     * Once per transaction: a transaction suspended for an inner one keeps its synchronizations to itself, so the
     * inner one registers (and signals) on its own.
     */
    private void signalOnCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            notifyListeners();
        } else if (TransactionSynchronizationManager.getSynchronizations().stream()
                .noneMatch(NotifyBeforeCommit.class::isInstance)) {
            TransactionSynchronizationManager.registerSynchronization(new NotifyBeforeCommit());
        }
    }

    private final class NotifyBeforeCommit implements TransactionSynchronization {
        @Override
        public void beforeCommit(boolean readOnly) {
            notifyListeners();
        }
    }

    private void notifyListeners() {
        jdbc.queryForObject("select pg_notify(?, '')", Object.class, CHANNEL);
    }
}
