package io.billfold.platform.eventstore;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;

import java.util.ArrayList;
import java.util.List;

/**
 * Axon's JPA storage engine, reading a token's gaps and the events after it as two index ranges. Axon reads them in
 * one query, {@code globalIndex > :token or globalIndex in :gaps order by globalIndex}, and PostgreSQL answers that
 * by walking the primary key from the very first event, filtering: with gaps in the token (every moment some
 * appending transaction has not committed yet) each read of a projection cost time in proportion to the whole store,
 * 0.1 s at 60,000 events and more as it grows. Every gap is below the token's index and every later event above it,
 * so the gaps followed by the events after the index are the same events, in the same order.
 */
final class RangeReadingEventStorageEngine extends JpaEventStorageEngine {

    private static final String COLUMNS = "SELECT e.globalIndex, e.type, e.aggregateIdentifier, e.sequenceNumber,"
            + " e.eventIdentifier, e.timeStamp, e.payloadType, e.payloadRevision, e.payload, e.metaData FROM ";

    RangeReadingEventStorageEngine(JpaEventStorageEngine.Builder builder) {
        super(builder);
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
