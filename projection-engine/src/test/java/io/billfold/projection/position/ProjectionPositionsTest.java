package io.billfold.projection.position;

import io.billfold.projection.EngineContextTest;
import io.billfold.projection.NoteProjection;
import io.billfold.projection.NoteProjection.NoteWritten;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes does not wait for segments that have nothing to do. Claim extensions are an hour apart here, so a
 * segment that handles none of the new events never stores its advanced token during the test: only the segment that
 * handles the event may hold the position back.
 */
@SpringBootTest(properties = "billfold.projections.claim-extension=1h")
class ProjectionPositionsTest extends EngineContextTest {

    @Autowired
    ProjectionPositions positions;
    @Autowired
    EventStorageEngine events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPositionIsProcessedOnceTheSegmentsThatHandleItsEventsHaveStoredIt() throws InterruptedException {
        assertThat(positions.processed(head() + 1)).as("an event not committed yet").isFalse();

        String noteId = "note_" + UUID.randomUUID();
        transactions.executeWithoutResult(status -> events.appendEvents(new GenericDomainEventMessage<>("Note",
                noteId, 0, new NoteWritten(noteId, "positions"))));
        long position = head();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!positions.processed(position)) {
            assertThat(System.nanoTime()).as("position %d processed in time", position).isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(jdbc.queryForObject("select count(*) from note where note_id = ?", Integer.class, noteId))
                .isEqualTo(1);
        assertThat(positions.position(NoteProjection.PROCESSING_GROUP, position))
                .as("the operators' status means the same by caught up as read-your-writes")
                .isEqualTo(position);
        assertThat(positions.segments(NoteProjection.PROCESSING_GROUP))
                .as("a segment that handles none of the new events")
                .anySatisfy(segment -> assertThat(segment.position()).isLessThan(position));
    }

    private long head() {
        return jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
    }
}
