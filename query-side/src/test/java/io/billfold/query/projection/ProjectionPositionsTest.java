package io.billfold.query.projection;

import io.billfold.api.MetadataKeys;
import io.billfold.api.customer.Address;
import io.billfold.api.customer.CustomerCreatedEvent;
import io.billfold.api.customer.CustomerDetails;
import io.billfold.query.QuerySideApplication;
import io.billfold.query.TestDataDir;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes does not wait for segments that have nothing to do. Claim extensions are an hour apart here, so a
 * segment that handles none of the new events never stores its advanced token during the test: only the segment that
 * handles the event may hold the position back.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "billfold.projections.claim-extension=1h")
class ProjectionPositionsTest {

    @Autowired
    ProjectionPositions positions;
    @Autowired
    EventStorageEngine events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        TestDataDir.register(registry);
    }

    @Test
    void aPositionIsProcessedOnceTheSegmentsThatHandleItsEventsHaveStoredIt() throws InterruptedException {
        assertThat(positions.processed(head() + 1)).as("an event not committed yet").isFalse();

        String customerId = "cus_" + UUID.randomUUID();
        CustomerCreatedEvent created = new CustomerCreatedEvent(customerId, "org_positions", new CustomerDetails(
                "Positions", null, null, null, new Address("1 Main St", null, null, "Paris", null, "75001", "FR"),
                null, List.of(), "{}", false, false, null, null), false, null);
        transactions.executeWithoutResult(status -> events.appendEvents(new GenericDomainEventMessage<>("Customer",
                customerId, 0, created,
                MetaData.from(Map.of(MetadataKeys.ACTOR_ID, "key_test", MetadataKeys.ACTOR_NAME, "test key")))));
        long position = head();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!positions.processed(position)) {
            assertThat(System.nanoTime()).as("position %d processed in time", position).isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(jdbc.queryForObject("select count(*) from customer_view where customer_id = ?", Integer.class,
                customerId)).isEqualTo(1);
        assertThat(positions.position("customers", position))
                .as("the operators' status means the same by caught up as read-your-writes")
                .isEqualTo(position);
        assertThat(positions.segments("customers")).as("a segment that handles none of the new events")
                .anySatisfy(segment -> assertThat(segment.position()).isLessThan(position));
    }

    private long head() {
        return jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
    }
}
