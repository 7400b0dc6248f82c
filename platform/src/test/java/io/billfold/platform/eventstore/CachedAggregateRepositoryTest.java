package io.billfold.platform.eventstore;

import io.billfold.platform.PlatformTestApplication;
import io.billfold.platform.testing.TestDataDir;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Aggregates kept in memory are used only when the store proves them current. Two repositories stand for two command
 * nodes (each keeps its own aggregates) on one database.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CachedAggregateRepositoryTest {

    record Added(String counterId, int amount) {
    }

    /** A counter: the smallest event-sourced aggregate. */
    static class Counter {
        @AggregateIdentifier
        private String counterId;
        private int total;

        Counter() {
        }

        static Counter open(String counterId) {
            apply(new Added(counterId, 0));
            return new Counter();
        }

        void add(int amount) {
            apply(new Added(counterId, amount));
        }

        @EventSourcingHandler
        void on(Added event) {
            counterId = event.counterId();
            total += event.amount();
        }
    }

    @Autowired
    CachedAggregateRepositories repositories;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    private Repository<Counter> nodeA;
    private Repository<Counter> nodeB;
    private String counterId;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDataDir.register(registry);
    }

    @BeforeEach
    void openCounter() {
        nodeA = repositories.create(Counter.class, NoSnapshotTriggerDefinition.INSTANCE);
        nodeB = repositories.create(Counter.class, NoSnapshotTriggerDefinition.INSTANCE);
        counterId = "counter-" + UUID.randomUUID();
        inTransaction(() -> command(nodeA, repository -> {
            try {
                return repository.newInstance(() -> Counter.open(counterId)).invoke(counter -> counter);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    @Test
    void aCurrentAggregateIsUsedFromMemoryAcrossTransactions() {
        Counter first = inTransaction(() -> add(nodeA, 5));
        Counter second = inTransaction(() -> add(nodeA, 2));

        assertThat(second).isSameAs(first);
        assertThat(second.total).isEqualTo(7);
    }

    @Test
    void anotherNodesEventIsSeenUnderTheLockAndTheAggregateReloaded() {
        Counter kept = inTransaction(() -> add(nodeA, 5));
        inTransaction(() -> add(nodeB, 10));

        Counter reloaded = inTransaction(() -> add(nodeA, 1));

        assertThat(reloaded).isNotSameAs(kept);
        assertThat(reloaded.total).isEqualTo(16);
    }

    /**
     * The request's transaction commits after Axon's unit of work: a failure in between (storing the idempotent
     * response, the commit itself) leaves the kept aggregate ahead of the store. Another node then appends an event
     * with the very sequence number that was rolled back: equal sequence numbers, different histories.
     */
    @Test
    void stateOfATransactionThatRolledBackAfterTheUnitOfWorkIsNeverUsed() {
        inTransaction(() -> add(nodeA, 5));
        TransactionStatus failing = transactionManager.getTransaction(new DefaultTransactionDefinition());
        assertThat(add(nodeA, 100).total).isEqualTo(105);
        transactionManager.rollback(failing);
        inTransaction(() -> add(nodeB, 1));

        assertThat(inTransaction(() -> add(nodeA, 0)).total).isEqualTo(6);
    }

    @Test
    void stateRolledBackToASavepointAfterTheUnitOfWorkIsNeverUsed() {
        inTransaction(() -> add(nodeA, 5));
        inTransaction(() -> {
            try {
                Connection connection = DataSourceUtils.getConnection(dataSource);
                Savepoint savepoint = connection.setSavepoint();
                add(nodeA, 100);
                connection.rollback(savepoint);
                return null;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(inTransaction(() -> add(nodeA, 1)).total).isEqualTo(6);
    }

    @Test
    void aUnitOfWorkThatRollsBackLeavesNothingInMemory() {
        Counter kept = inTransaction(() -> add(nodeA, 5));
        inTransaction(() -> {
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("add"));
            var result = unitOfWork.executeWithResult(() -> {
                nodeA.load(counterId).execute(counter -> counter.add(100));
                throw new IllegalStateException("refused after applying");
            });
            assertThat(result.isExceptional()).isTrue();
            return null;
        });

        Counter after = inTransaction(() -> add(nodeA, 1));
        assertThat(after).isNotSameAs(kept);
        assertThat(after.total).isEqualTo(6);
    }

    @Test
    void loadingTakesTheAggregatesLockAndAnswersItsNewestEvent() {
        inTransaction(() -> add(nodeA, 5));

        AggregateHead head = inTransaction(() -> command(nodeB, counters -> {
            counters.load(counterId);
            return new AggregateLocks(jdbc).head(counterId).orElseThrow();
        }));

        assertThat(head.sequenceNumber()).isEqualTo(1);
        assertThat(head.position()).isEqualTo(jdbc.queryForObject(
                "select max(global_index) from domain_event_entry where aggregate_identifier = ?", Long.class,
                counterId));
    }

    private Counter add(Repository<Counter> repository, int amount) {
        return command(repository, counters -> {
            var counter = counters.load(counterId);
            counter.execute(loaded -> loaded.add(amount));
            return counter.invoke(loaded -> loaded);
        });
    }

    /** One command: a unit of work joining the current transaction, as the request's transaction is joined. */
    private <R> R command(Repository<Counter> repository, Function<Repository<Counter>, R> handler) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("c"));
        var result = unitOfWork.executeWithResult(() -> handler.apply(repository));
        if (result.isExceptional()) {
            throw new IllegalStateException(result.exceptionResult());
        }
        @SuppressWarnings("unchecked")
        R value = (R) result.getPayload();
        return value;
    }

    private <R> R inTransaction(Supplier<R> work) {
        return new TransactionTemplate(transactionManager).execute(status -> work.get());
    }
}
