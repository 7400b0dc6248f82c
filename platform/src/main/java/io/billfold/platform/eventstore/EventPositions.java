package io.billfold.platform.eventstore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Positions in the event store's global order, as clients see them in {@code Billfold-Position}.
 */
@Component
public class EventPositions {

    private final JdbcTemplate jdbc;

    EventPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The position of the newest event of these aggregates, as visible to the current transaction: after a command,
     * at least the position of the last event it appended. Zero when none has events. Known without a query for the
     * aggregates the transaction has locked or appended to ({@link AggregateHeads}).
     */
    public long lastPositionOf(Collection<String> aggregateIds) {
        long known = 0;
        List<String> unknown = new ArrayList<>();
        for (String aggregateId : aggregateIds) {
            Optional<AggregateHead> head = AggregateHeads.of(aggregateId);
            if (head.isPresent()) {
                known = Math.max(known, head.get().position());
            } else {
                unknown.add(aggregateId);
            }
        }
        return unknown.isEmpty() ? known : Math.max(known, queryLastPositionOf(unknown));
    }

    private long queryLastPositionOf(List<String> aggregateIds) {
        Long position = jdbc.queryForObject("""
                select max(newest.global_index)
                  from unnest(?::text[]) as aggregate(id)
                  cross join lateral (select e.global_index from domain_event_entry e
                                       where e.aggregate_identifier = aggregate.id
                                       order by e.sequence_number desc limit 1) newest
                """, Long.class, (Object) aggregateIds.toArray(String[]::new));
        return position == null ? 0 : position;
    }

    /** The highest position handed out so far (it may belong to a transaction that has not committed yet). */
    public long head() {
        Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }
}
