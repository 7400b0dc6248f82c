package io.billfold.projection.deadletter;

import io.billfold.projection.ProjectionSettings;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dead-letter queue of every projection, in PostgreSQL ({@code projection_dead_letter}), written in the
 * transaction of the batch that parked the event, so a letter and the token that moved past its event commit
 * together. Letters are sequenced per aggregate: while one of an aggregate's events is parked, its later events are
 * parked behind it.
 * <p>
 * Why not Axon's sequenced dead-letter queue ({@code DeadLetteringEventHandlerInvoker} with a JDBC or JPA queue,
 * Axon 4.13), which sequences letters the same way: its invoker parks an event at its first failure, where this one
 * first fails the batch (retried by the processor) and then retries the event with back-off, so a dependency that is
 * briefly down parks nothing ({@code ProjectionRetryTest}); it catches the failure after the handlers that ran before
 * it have written, without a savepoint, so a parked event's partial writes would commit with the batch, where here
 * they are rolled back ({@code ProjectionOperationsApiTest}: the parked rename is nowhere in the read model); and its
 * queue stores a copy of the serialized event and metadata, which upcasters do not reach and personal-data erasure
 * would have to scrub too, where a letter here is only a reference to the event in the event store. Its queue also
 * refuses letters beyond 1,024 sequences by default and, without its optional cache, asks the database for every
 * event whether its sequence is parked (here: once a second per processor, {@link #isParked}).
 */
@Component
public class DeadLetters {

    /** How stale this node's view of the parked aggregates may be when a segment moves between nodes. */
    private static final Duration PARKED_REFRESH = Duration.ofSeconds(1);
    private static final int MAX_CAUSE_LENGTH = 1000;

    private static final RowMapper<DeadLetter> LETTER = (rs, row) -> new DeadLetter(rs.getLong("id"),
            rs.getString("sequence_id"), rs.getLong("global_index"), rs.getString("event_id"),
            rs.getString("event_type"), (Long) rs.getObject("aggregate_sequence"), rs.getString("cause"),
            rs.getInt("attempts"), rs.getTimestamp("parked_at").toInstant(),
            rs.getTimestamp("last_attempt_at").toInstant());

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final int attempts;
    private final Duration backOff;
    private final Map<String, ParkedSequences> parked = new ConcurrentHashMap<>();

    DeadLetters(JdbcTemplate jdbc, DataSource dataSource, ProjectionSettings settings) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.attempts = settings.handlerAttempts();
        this.backOff = settings.handlerBackOff();
    }

    /** The interceptor that parks what this processor's handlers cannot handle. */
    public MessageHandlerInterceptor<EventMessage<?>> parkingFor(String processor) {
        return new DeadLetterParking(processor, this, dataSource, attempts, backOff);
    }

    private record ParkedSequences(Set<String> sequences, long loadedAt) {
    }

    /** The sequence an event belongs to: its aggregate, or the event alone when it has none. */
    static String sequenceOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null
                ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    /** True when an earlier event of this sequence is parked for this processor. */
    boolean isParked(String processor, String sequenceId) {
        ParkedSequences known = parked.get(processor);
        if (known == null || System.nanoTime() - known.loadedAt() > PARKED_REFRESH.toNanos()) {
            known = new ParkedSequences(Set.copyOf(jdbc.queryForList(
                    "select distinct sequence_id from projection_dead_letter where processing_group = ?",
                    String.class, processor)), System.nanoTime());
            parked.put(processor, known);
        }
        return known.sequences().contains(sequenceId);
    }

    /** Remembers a sequence parked by a batch that committed, before the next refresh would show it. */
    void parkedCommitted(String processor, String sequenceId) {
        parked.compute(processor, (name, known) -> {
            Set<String> sequences = new HashSet<>(known == null ? Set.of() : known.sequences());
            sequences.add(sequenceId);
            return new ParkedSequences(Set.copyOf(sequences), known == null ? 0 : known.loadedAt());
        });
    }

    /** Parks an event in the current transaction. */
    void park(String processor, EventMessage<?> event, String cause, int attempts) {
        Long aggregateSequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        long globalIndex = event instanceof TrackedEventMessage<?> tracked
                ? tracked.trackingToken().position().orElse(-1) : -1;
        jdbc.update("""
                insert into projection_dead_letter (processing_group, sequence_id, global_index, event_id, event_type,
                    aggregate_sequence, cause, attempts)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (processing_group, event_id) do update
                   set cause = excluded.cause, attempts = projection_dead_letter.attempts + excluded.attempts,
                       last_attempt_at = now()
                """, processor, sequenceOf(event), globalIndex, event.getIdentifier(),
                event.getPayloadType().getName(), aggregateSequence, truncate(cause), attempts);
    }

    public long count(String processor) {
        Long count = jdbc.queryForObject("select count(*) from projection_dead_letter where processing_group = ?",
                Long.class, processor);
        return count == null ? 0 : count;
    }

    public List<DeadLetter> list(String processor, int limit) {
        return jdbc.query("""
                select * from projection_dead_letter where processing_group = ?
                 order by sequence_id, global_index limit ?
                """, LETTER, processor, limit);
    }

    /** The parked letters of a processor, oldest first within each sequence, locked for a retry. */
    public List<DeadLetter> lockForRetry(String processor) {
        return jdbc.query("""
                select * from projection_dead_letter where processing_group = ?
                 order by sequence_id, global_index for update skip locked
                """, LETTER, processor);
    }

    public void handled(long id) {
        jdbc.update("delete from projection_dead_letter where id = ?", id);
    }

    public void failedAgain(long id, String cause) {
        jdbc.update("""
                update projection_dead_letter set attempts = attempts + 1, cause = ?, last_attempt_at = ?
                 where id = ?
                """, truncate(cause), new Timestamp(System.currentTimeMillis()), id);
    }

    /** Drops a letter for good: its event will never reach the projection. True when it existed. */
    public boolean drop(String processor, long id) {
        boolean dropped = jdbc.update("delete from projection_dead_letter where processing_group = ? and id = ?",
                processor, id) == 1;
        forget(processor);
        return dropped;
    }

    /** The replay's letters become the projection's, replacing those of the read model the replay replaces. */
    public void handOver(String fromProcessor, String toProcessor) {
        jdbc.update("delete from projection_dead_letter where processing_group = ?", toProcessor);
        jdbc.update("update projection_dead_letter set processing_group = ? where processing_group = ?",
                toProcessor, fromProcessor);
    }

    /** Makes the next check read the parked sequences from the database again. */
    public void forget(String processor) {
        parked.remove(processor);
    }

    private static String truncate(String cause) {
        String text = cause == null ? "unknown" : cause;
        return text.length() <= MAX_CAUSE_LENGTH ? text : text.substring(0, MAX_CAUSE_LENGTH);
    }
}
