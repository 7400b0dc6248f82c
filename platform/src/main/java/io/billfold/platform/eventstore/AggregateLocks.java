package io.billfold.platform.eventstore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Serialises commands on one aggregate, on every node, until their transaction commits: before an aggregate is loaded
 * ({@link CachedAggregateRepository}) a transaction-scoped advisory lock on its id is taken, and the same round trip
 * answers the aggregate's newest committed event (the {@code lock_aggregates} function). Axon's own aggregate lock
 * is released when its unit of work ends, which is before the request's transaction commits; without this, a second
 * command would load the aggregate without the first one's events and fail on the (aggregate, sequence) key, to be
 * retried. Commands that create an aggregate load nothing and take no lock: there are no earlier events to wait
 * for, and a second creation under the same id fails on the key whatever the order.
 */
@Component
public class AggregateLocks {

    private final JdbcTemplate jdbc;

    AggregateLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks several aggregates, always in the same order, so that two commands cannot deadlock, and answers the newest
     * event of each that has one. Each answer is also what {@link #head} gives for the rest of the transaction.
     */
    public Map<String, AggregateHead> lock(Collection<String> aggregateIds) {
        Map<String, AggregateHead> heads = new HashMap<>();
        jdbc.query("select aggregate_identifier, sequence_number, event_identifier, global_index"
                + " from lock_aggregates(?::text[])", rs -> {
            long sequenceNumber = rs.getLong(2);
            if (!rs.wasNull()) {
                AggregateHead head = new AggregateHead(sequenceNumber, rs.getString(3), rs.getLong(4));
                heads.put(rs.getString(1), head);
                AggregateHeads.record(rs.getString(1), head);
            }
        }, (Object) aggregateIds.toArray(String[]::new));
        return heads;
    }

    /**
     * The newest event of an aggregate as this transaction sees it, when the transaction has locked it or created it
     * (nobody else can append to an aggregate another transaction created and has not committed); empty otherwise.
     */
    public Optional<AggregateHead> head(String aggregateId) {
        return AggregateHeads.of(aggregateId);
    }
}
