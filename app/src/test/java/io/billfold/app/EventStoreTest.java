package io.billfold.app;

import io.billfold.platform.eventstore.CommitSignal;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is stored: JSON events in bytea, their metadata, and the schema decisions the event store relies on. */
class EventStoreTest extends ApiTestSupport {

    /** A payload no projection handles: the events these tests append directly are no customer's. */
    record Appended(String aggregateId, String name) {
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void everyEventRecordsOrganizationActorRequestAndIdempotencyKey() {
        Client admin = newOrganization("metadata");
        Response created = admin.post("/v1/customers", json(body("customer_name", "Meta")),
                "Idempotency-Key", "meta-1", "X-Request-Id", "req-meta-test");
        Map<String, Object> event = jdbc.queryForMap("""
                select payload_type, payload_revision, payload, meta_data from domain_event_entry
                 where aggregate_identifier = ? order by sequence_number limit 1
                """, created.text("id"));

        assertThat(event.get("payload_type")).isEqualTo("io.billfold.api.customer.CustomerCreatedEvent");
        assertThat(event.get("payload_revision")).isEqualTo("1");
        JsonNode payload = JSON.readTree(new String((byte[]) event.get("payload"), StandardCharsets.UTF_8));
        assertThat(payload.get("customerId").asString()).isEqualTo(created.text("id"));
        assertThat(payload.get("details").get("customerName").asString()).as("personal data is stored encrypted")
                .startsWith("pd1:");
        JsonNode metadata = JSON.readTree(new String((byte[]) event.get("meta_data"), StandardCharsets.UTF_8));
        assertThat(metadata.get("organization_id").asString()).isEqualTo(admin.organizationId());
        assertThat(metadata.get("actor_id").asString()).startsWith("key_");
        assertThat(metadata.get("actor_name").asString()).isEqualTo("admin");
        assertThat(metadata.get("request_id").asString()).isEqualTo("req-meta-test");
        assertThat(metadata.get("idempotency_key").asString()).isEqualTo("meta-1");
    }

    @Test
    void serializedColumnsAreByteaAndTheEventSequenceHandsOutOneNumberAtATime() {
        List<String> largeObjectColumns = jdbc.queryForList("""
                select table_name || '.' || column_name from information_schema.columns
                 where table_schema = 'public' and data_type = 'oid'
                """, String.class);
        assertThat(largeObjectColumns).isEmpty();
        assertThat(jdbc.queryForObject("select data_type from information_schema.columns"
                + " where table_name = 'domain_event_entry' and column_name = 'payload'", String.class)).isEqualTo("bytea");
        assertThat(jdbc.queryForObject("select increment_by from pg_sequences where sequencename = 'domain_event_entry_seq'",
                Long.class)).isEqualTo(1);
    }

    @Test
    void aRejectedCommandAppendsNothing() {
        Client admin = newOrganization("rejected-append");
        Long before = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        assertThat(admin.post("/v1/customers", json(body("customer_name", "", "email", "x"))).status()).isEqualTo(422);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class)).isEqualTo(before);
    }

    @Test
    void aCommittedCommandWakesListeners() throws SQLException {
        Client admin = newOrganization("commit-signal");
        try (Connection listener = dataSource.getConnection(); Statement statement = listener.createStatement()) {
            statement.execute("LISTEN " + CommitSignal.CHANNEL);
            try {
                assertThat(admin.post("/v1/customers", json(body("customer_name", "Signalled"))).status())
                        .isEqualTo(201);
                List<PGNotification> received = new ArrayList<>();
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (received.isEmpty() && System.nanoTime() < deadline) {
                    PGNotification[] batch = listener.unwrap(PGConnection.class).getNotifications(200);
                    if (batch != null) {
                        received.addAll(List.of(batch));
                    }
                }
                assertThat(received).isNotEmpty().allMatch(n -> n.getName().equals(CommitSignal.CHANNEL));
            } finally {
                statement.execute("UNLISTEN *");
            }
        }
    }

    @Test
    void appendedEventsAreStoredAsAxonsEntityWouldStoreThemWithConsecutivePositions() {
        String aggregate = "test_append_" + System.nanoTime();
        Instant at = Instant.parse("2026-12-02T10:15:30.123Z");
        List<DomainEventMessage<?>> events = List.of(
                new GenericDomainEventMessage<>("Ledger", aggregate, 0, new Appended(aggregate, "One"),
                        MetaData.with("request_id", "append-1"), "evt-" + aggregate + "-0", at),
                new GenericDomainEventMessage<>("Ledger", aggregate, 1, new Appended(aggregate, "Two"),
                        MetaData.emptyInstance(), "evt-" + aggregate + "-1", at.plusMillis(1)));
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> storage.appendEvents(events));

        List<Map<String, Object>> rows = jdbc.queryForList("""
                select global_index, type, event_identifier, payload_type, payload_revision, time_stamp
                  from domain_event_entry where aggregate_identifier = ? order by sequence_number
                """, aggregate);
        assertThat(rows).extracting(row -> row.get("event_identifier"))
                .containsExactly("evt-" + aggregate + "-0", "evt-" + aggregate + "-1");
        assertThat((Long) rows.get(1).get("global_index")).isEqualTo((Long) rows.get(0).get("global_index") + 1);
        assertThat(rows.get(0)).containsEntry("type", "Ledger")
                .containsEntry("payload_type", Appended.class.getName())
                .containsEntry("time_stamp", "2026-12-02T10:15:30.123Z");
        List<DomainEventMessage<?>> read = new ArrayList<>(storage.readEvents(aggregate).asStream().toList());
        assertThat(read.stream().<Object>map(DomainEventMessage::getPayload).toList())
                .containsExactly(new Appended(aggregate, "One"), new Appended(aggregate, "Two"));
        assertThat(read.get(0).getMetaData()).containsEntry("request_id", "append-1");
        assertThat(read.get(1).getTimestamp()).isEqualTo(at.plusMillis(1));
    }

    @Test
    void anEventAtATakenSequenceIsAConflictAndAppendsNothing() {
        String aggregate = "test_conflict_" + System.nanoTime();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> storage.appendEvents(renamed(aggregate, 0), renamed(aggregate, 1)));
        Long before = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);

        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> storage.appendEvents(
                renamed(aggregate, 0)))).isInstanceOf(AggregateStreamCreationException.class);
        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> storage.appendEvents(
                renamed(aggregate, 2), renamed(aggregate, 1)))).isInstanceOf(ConcurrencyException.class);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class)).isEqualTo(before);
    }

    private static DomainEventMessage<?> renamed(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Ledger", aggregate, sequence,
                new Appended(aggregate, "Name " + sequence));
    }

    @Test
    void aTokenWithAGapReadsTheGapThenWhatFollowsItsIndex() {
        Client admin = newOrganization("gap-read");
        List<String> customers = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        for (String name : List.of("First", "Second", "Third", "Fourth")) {
            Response created = admin.post("/v1/customers", json(body("customer_name", name)));
            customers.add(created.text("id"));
            positions.add(Long.parseLong(created.header("Billfold-Position")));
        }
        // As a projection that has seen the second and the third event, but not the first (its transaction was
        // still open when it read past it).
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(positions.get(2), Set.of(positions.get(0)));

        List<String> read = storage.readEvents(token, false)
                .map(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                .filter(customers::contains)
                .toList();
        assertThat(read).containsExactly(customers.get(0), customers.get(3));
    }
}
