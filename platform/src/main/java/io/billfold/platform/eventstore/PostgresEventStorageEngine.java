package io.billfold.platform.eventstore;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Axon's JPA storage engine with two changes for PostgreSQL, on the same table, entities and transaction.
 * <p>
 * Reading: a token's gaps and the events after it are read as two index ranges. Axon reads them in one query,
 * {@code globalIndex > :token or globalIndex in :gaps order by globalIndex}, and PostgreSQL answers that by walking the
 * primary key from the very first event, filtering: with gaps in the token (every moment some appending transaction
 * has not committed yet) each read of a projection cost time in proportion to the whole store, 0.1 s at 60,000 events
 * and more as it grows. Every gap is below the token's index and every later event above it, so the gaps followed by
 * the events after the index are the same events, in the same order.
 * <p>
 * Appending: one JDBC batch of inserts that take their global index from the sequence as they run, where Axon persists
 * an entity per event through Hibernate, which asks the sequence first, a round trip of its own per event, and then
 * flushes the whole session. The rows are those Axon's entity would write (it serializes them), on the transaction's
 * own connection, so a read of the events later in the same transaction sees them; a duplicate
 * (aggregate, sequence) still becomes Axon's {@code ConcurrencyException}, which the command bus retries.
 */
final class PostgresEventStorageEngine extends JpaEventStorageEngine {

    private static final String COLUMNS = "SELECT e.globalIndex, e.type, e.aggregateIdentifier, e.sequenceNumber,"
            + " e.eventIdentifier, e.timeStamp, e.payloadType, e.payloadRevision, e.payload, e.metaData FROM ";
    private static final String APPEND = """
            insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
            values (nextval('domain_event_entry_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

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
                jdbc.batchUpdate(APPEND, entries, entries.size(), (statement, entry) -> {
                    statement.setString(1, entry.getAggregateIdentifier());
                    statement.setLong(2, entry.getSequenceNumber());
                    statement.setString(3, entry.getType());
                    statement.setString(4, entry.getEventIdentifier());
                    statement.setBytes(5, entry.getMetaData().getData());
                    statement.setBytes(6, entry.getPayload().getData());
                    statement.setString(7, entry.getPayload().getType().getRevision());
                    statement.setString(8, entry.getPayload().getType().getName());
                    statement.setString(9, DateTimeUtils.formatInstant(entry.getTimestamp()));
                });
            } catch (DataAccessException e) {
                handlePersistenceException(e, events.get(0));
            }
        });
    }

    @Override
    protected List<Object[]> fetchEvents(GapAwareTrackingToken previousToken) {
        if (previousToken == null || previousToken.getGaps().isEmpty()) {
            return super.fetchEvents(previousToken);
        }
        List<Object[]> events = new ArrayList<>(entityManager()
                .createQuery(COLUMNS + domainEventEntryEntityName()
                        + " e WHERE e.globalIndex IN :gaps ORDER BY e.globalIndex ASC", Object[].class)
                .setParameter("gaps", previousToken.getGaps())
                .setMaxResults(batchSize())
                .getResultList());
        if (events.size() < batchSize()) {
            events.addAll(entityManager()
                    .createQuery(COLUMNS + domainEventEntryEntityName()
                            + " e WHERE e.globalIndex > :token ORDER BY e.globalIndex ASC", Object[].class)
                    .setParameter("token", previousToken.getIndex())
                    .setMaxResults(batchSize() - events.size())
                    .getResultList());
        }
        return events;
    }
}
