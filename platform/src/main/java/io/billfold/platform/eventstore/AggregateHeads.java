package io.billfold.platform.eventstore;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The newest event of each aggregate as the current transaction sees it: read under the aggregate's lock
 * ({@link AggregateLocks}) or appended by the transaction itself ({@link PostgresEventStorageEngine}). Kept with the
 * transaction's synchronizations, which Spring suspends with the transaction: an inner transaction has its own.
 */
final class AggregateHeads implements TransactionSynchronization {

    private final Map<String, AggregateHead> heads = new HashMap<>();

    private AggregateHeads() {
    }

    /** Records an aggregate's newest event; without a transaction there is nothing to keep it for. */
    static void record(String aggregateId, AggregateHead head) {
        current(true).ifPresent(heads -> heads.heads.put(aggregateId, head));
    }

    static Optional<AggregateHead> of(String aggregateId) {
        return current(false).map(heads -> heads.heads.get(aggregateId));
    }

    private static Optional<AggregateHeads> current(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return Optional.empty();
        }
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof AggregateHeads heads) {
                return Optional.of(heads);
            }
        }
        if (!create) {
            return Optional.empty();
        }
        AggregateHeads heads = new AggregateHeads();
        TransactionSynchronizationManager.registerSynchronization(heads);
        return Optional.of(heads);
    }
}
