package io.billfold.platform.eventstore;

import io.billfold.platform.database.PlannedPerExecution;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.PreparedStatement;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's JPA storage engine with its hot paths in plain JDBC for PostgreSQL, on the same table and transaction (the
 * connection is the transaction's, so a read later in a transaction sees what it appended). Hibernate turned every
 * read into a new SQL tree (a profile of an import: most of the processors' coordinator threads' time) and asked
 * the sequence for each appended event in a round trip of its own before flushing the whole session. Snapshots, the
 * token store and the gap cleaning stay Axon's.
 * <p>
 * Tracking reads take a token's gaps and the events after it as two index ranges. Axon reads them in one query,
 * {@code globalIndex > :token or globalIndex in :gaps order by globalIndex}, and PostgreSQL answers that by walking the
 * primary key from the very first event, filtering: with gaps in the token (every moment some appending transaction
 * has not committed yet) each read of a projection cost time in proportion to the whole store, 0.1 s at 60,000 events
 * and more as it grows. Every gap is below the token's index and every later event above it, so the gaps followed by
 * the events after the index are the same events, in the same order; both ranges are read by one statement.
 * <p>
 * Appending is one statement per unit of work: its rows, each taking its global index from the sequence as it is
 * inserted, the indexes answered (they are the command's {@code Billfold-Position}, recorded with
 * {@link AggregateHeads}) and the commit signal sent. Each row takes its index only after {@code pg_current_xact_id()}
 * has given the transaction its id (a CASE evaluates its condition first): whoever sees a gap in the global order can
 * then tell, from the snapshots' xmin and xmax, when every transaction that could still fill it has ended (the event
 * feed's frontier, query side {@code FeedFrontier}). The rows are those Axon's entity would write (it serializes
 * them); a duplicate (aggregate, sequence) still becomes Axon's {@code ConcurrencyException}, which the command bus
 * retries.
 */
final class PostgresEventStorageEngine extends JpaEventStorageEngine {

    private static final String TRACKED_COLUMNS = "select global_index, type, aggregate_identifier, sequence_number,"
            + " event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data from domain_event_entry";
    /**
     * One statement appends a unit of work's events, each taking its global index from the sequence as its row is
     * inserted (in the order of the rows, so an aggregate's events are in order), answers the indexes, and sends the
     * commit signal: {@code NOTIFY} is delivered when (and only if) the transaction commits, once however often the
     * transaction sent it.
     */
    private static final String APPEND_INTO = "with appended as (insert into domain_event_entry (global_index,"
            + " aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload, payload_revision,"
            + " payload_type, time_stamp) values ";
    private static final String APPENDED_ROW = "(case when pg_current_xact_id() is not null"
            + " then nextval('domain_event_entry_seq') end, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String APPEND_RETURNING = " returning aggregate_identifier, sequence_number, event_identifier,"
            + " global_index) select appended.* from appended cross join (select pg_notify('" + CommitSignal.CHANNEL
            + "', '')) as signal";
    /** Rows per statement: PostgreSQL takes at most 32,767 parameters in one, ten per row. */
    private static final int ROWS_PER_STATEMENT = 500;
    /** A row as Axon's {@code fetchTrackedEvents} takes it from {@link #fetchEvents}: the JPA query's columns. */
    private static final RowMapper<Object[]> TRACKED_ROW = (rs, row) -> new Object[]{rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getBytes(9), rs.getBytes(10)};
    private static final RowMapper<DomainEventData<?>> DOMAIN_ROW = (rs, row) -> new GenericDomainEventEntry<>(
            rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
            rs.getString(7), rs.getBytes(8), rs.getBytes(9));

    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;

    PostgresEventStorageEngine(JpaEventStorageEngine.Builder builder, TransactionManager transactions,
                               JdbcTemplate jdbc) {
        super(builder.transactionManager(transactions));
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<DomainEventEntry> entries = events.stream()
                .map(event -> new DomainEventEntry(asDomainEventMessage(event), serializer)).toList();
        transactions.executeInTransaction(() -> {
            try {
                for (int from = 0; from < entries.size(); from += ROWS_PER_STATEMENT) {
                    append(entries.subList(from, Math.min(entries.size(), from + ROWS_PER_STATEMENT)));
                }
            } catch (DataAccessException e) {
                handlePersistenceException(e, events.get(0));
            }
        });
    }

    private void append(List<DomainEventEntry> entries) {
        String sql = APPEND_INTO + String.join(", ", Collections.nCopies(entries.size(), APPENDED_ROW))
                + APPEND_RETURNING;
        jdbc.query(sql, statement -> {
            int parameter = 0;
            for (DomainEventEntry entry : entries) {
                statement.setString(++parameter, entry.getAggregateIdentifier());
                statement.setLong(++parameter, entry.getSequenceNumber());
                statement.setString(++parameter, entry.getType());
                statement.setString(++parameter, entry.getEventIdentifier());
                statement.setBytes(++parameter, entry.getMetaData().getData());
                statement.setBytes(++parameter, entry.getPayload().getData());
                statement.setString(++parameter, entry.getPayload().getType().getRevision());
                statement.setString(++parameter, entry.getPayload().getType().getName());
                statement.setString(++parameter, DateTimeUtils.formatInstant(entry.getTimestamp()));
            }
        }, rs -> {
            AggregateHeads.record(rs.getString(1), new AggregateHead(rs.getLong(2), rs.getString(3), rs.getLong(4)));
        });
    }

    /**
     * The events after the token, read in batches until one comes back short. A short batch holds every event
     * committed when it was read (its gaps included), so nothing is left to read until another commit. Axon's
     * stream reads on until a batch comes back empty, one more read of the store per stream and per commit signal:
     * with three projections at 100 credits/s, every second event-store read found nothing.
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return StreamSupport.stream(new TrackedBatches(trackingToken), false);
    }

    private final class TrackedBatches extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private TrackingToken lastToken;
        private Iterator<? extends TrackedEventData<?>> batch = Collections.emptyIterator();
        private boolean lastBatchRead;

        TrackedBatches(TrackingToken from) {
            super(Long.MAX_VALUE, NONNULL | ORDERED | DISTINCT);
            this.lastToken = from;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (!batch.hasNext() && !lastBatchRead) {
                List<? extends TrackedEventData<?>> read = fetchTrackedEvents(lastToken, batchSize());
                lastBatchRead = read.size() < batchSize();
                batch = read.iterator();
            }
            if (!batch.hasNext()) {
                return false;
            }
            TrackedEventData<?> event = batch.next();
            lastToken = event.trackingToken();
            action.accept(event);
            return true;
        }
    }

    /**
     * The token's gaps and the events after its index, in one statement and so in one snapshot. Read in two, a gap
     * whose transaction commits between them is missed by the first while the aggregate's next event, appended only
     * after that commit, is found by the second: a processor then got an aggregate's events out of order, and the
     * event feed, which skips an event at or below its resource's version, lost 12 of 15,099 credits in the webhooks
     * bench ({@code TrackedReadsTest}). Planned at every read ({@link PlannedPerExecution}): a generic plan made while
     * the store was small read the gaps by scanning it whole.
     */
    @Override
    protected List<Object[]> fetchEvents(GapAwareTrackingToken previousToken) {
        Long[] gaps = previousToken == null ? new Long[0] : previousToken.getGaps().toArray(Long[]::new);
        long index = previousToken == null ? -1L : previousToken.getIndex();
        return jdbc.query(connection -> {
            PreparedStatement statement = PlannedPerExecution.prepare(connection, "(" + TRACKED_COLUMNS
                    + " where global_index = any(?)) union all (" + TRACKED_COLUMNS
                    + " where global_index > ? order by global_index limit ?) order by global_index limit ?");
            statement.setArray(1, connection.createArrayOf("int8", gaps));
            statement.setLong(2, index);
            statement.setInt(3, batchSize());
            statement.setInt(4, batchSize());
            return statement;
        }, TRACKED_ROW);
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        return transactions.fetchInTransaction(() -> jdbc.query("""
                select type, aggregate_identifier, sequence_number, event_identifier, time_stamp, payload_type,
                       payload_revision, payload, meta_data
                  from domain_event_entry
                 where aggregate_identifier = ? and sequence_number >= ?
                 order by sequence_number limit ?
                """, DOMAIN_ROW, aggregateIdentifier, firstSequenceNumber, batchSize));
    }
}
