package io.billfold.platform.eventstore;

import io.billfold.platform.PlatformTestApplication;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tracking read sees the store at one moment: an aggregate's event is never read before the event it follows, even
 * when that one fills a gap of the token just while the read runs. A stream of reads stops at the first short batch.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TrackedReadsTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    EntityManagerProvider entityManagerProvider;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = Files.createTempDirectory("billfold-platform-test-").toString();
        registry.add("billfold.data-dir", () -> dataDir);
    }

    /**
     * Reads past a gap whose transaction commits, and whose aggregate's next event is appended, right after the
     * read's first statement.
     */
    @Test
    void aGapFilledWhileTheReadRunsIsNeverOvertakenByItsAggregatesNextEvent() throws Exception {
        String aggregate = "gap-" + UUID.randomUUID();
        try (Connection filling = dataSource.getConnection()) {
            filling.setAutoCommit(false);
            long gap = append(filling, aggregate, 0);
            long above = appendCommitted("other-" + UUID.randomUUID(), 0);
            GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(above, List.of(gap));
            PostgresEventStorageEngine engine = engine(new AfterFirstQuery(() -> {
                filling.commit();
                appendCommitted(aggregate, 1);
            }));

            List<Long> firstRead = sequencesOf(aggregate, engine.fetchEvents(token));
            List<Long> secondRead = sequencesOf(aggregate, engine.fetchEvents(token));

            assertThat(firstRead).isIn(List.of(), List.of(0L), List.of(0L, 1L));
            assertThat(secondRead).containsExactly(0L, 1L);
        }
    }

    /**
     * A stream of tracked events ends with the first short batch, which holds everything committed when it was read:
     * five events in batches of two are read in three queries, not in a fourth that finds nothing.
     */
    @Test
    void aStreamEndsWithItsFirstShortBatch() throws Exception {
        String aggregate = "batches-" + UUID.randomUUID();
        long head = appendCommitted("head-" + UUID.randomUUID(), 0);
        for (long sequence = 0; sequence < 5; sequence++) {
            appendCommitted(aggregate, sequence);
        }
        CountingQueries queries = new CountingQueries();

        try (Stream<? extends TrackedEventMessage<?>> events = engine(queries, 2)
                .readEvents(GapAwareTrackingToken.newInstance(head, List.of()), false)) {
            assertThat(events.map(event -> ((DomainEventMessage<?>) event).getSequenceNumber()))
                    .containsExactly(0L, 1L, 2L, 3L, 4L);
        }
        assertThat(queries.count).isEqualTo(3);
    }

    private PostgresEventStorageEngine engine(JdbcTemplate jdbc) {
        return engine(jdbc, 100);
    }

    private PostgresEventStorageEngine engine(JdbcTemplate jdbc, int batchSize) {
        return new PostgresEventStorageEngine(JpaEventStorageEngine.builder()
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .entityManagerProvider(entityManagerProvider)
                .batchSize(batchSize), transactionManager, jdbc);
    }

    /** Counts the tracking reads' queries. */
    private class CountingQueries extends JdbcTemplate {

        private int count;

        CountingQueries() {
            super(dataSource);
        }

        @Override
        public <T> List<T> query(PreparedStatementCreator creator, RowMapper<T> rowMapper) {
            count++;
            return super.query(creator, rowMapper);
        }
    }

    private static List<Long> sequencesOf(String aggregate, List<Object[]> rows) {
        return rows.stream().filter(row -> aggregate.equals(row[2])).map(row -> (Long) row[3]).toList();
    }

    private long appendCommitted(String aggregate, long sequence) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return append(connection, aggregate, sequence);
        }
    }

    private static long append(Connection connection, String aggregate, long sequence) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                                                event_identifier, meta_data, payload, payload_revision, payload_type,
                                                time_stamp)
                values (nextval('domain_event_entry_seq'), ?, ?, 'Test', ?, ?, ?, null, 'test.Event',
                        '2026-12-07T12:00:00Z')
                returning global_index
                """)) {
            statement.setString(1, aggregate);
            statement.setLong(2, sequence);
            statement.setString(3, UUID.randomUUID().toString());
            statement.setBytes(4, "{}".getBytes(StandardCharsets.UTF_8));
            statement.setBytes(5, "{}".getBytes(StandardCharsets.UTF_8));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** What runs between two moments of the store. */
    interface StoreChange {
        void run() throws SQLException;
    }

    /** Queries as usual, and changes the store once, right after the first query answered. */
    private class AfterFirstQuery extends JdbcTemplate {

        private StoreChange change;

        AfterFirstQuery(StoreChange change) {
            super(dataSource);
            this.change = change;
        }

        @Override
        public <T> List<T> query(PreparedStatementCreator creator, RowMapper<T> rowMapper) {
            return changed(super.query(creator, rowMapper));
        }

        @Override
        public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
            return changed(super.query(sql, rowMapper, args));
        }

        private <T> List<T> changed(List<T> answer) {
            if (change != null) {
                try {
                    change.run();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                change = null;
            }
            return answer;
        }
    }
}
