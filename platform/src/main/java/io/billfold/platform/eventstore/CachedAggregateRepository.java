package io.billfold.platform.eventstore;

import com.github.benmanes.caffeine.cache.Cache;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * An event-sourced repository that keeps aggregates in memory between commands, and uses one only when the lock
 * taken before loading it proves it current. The lock ({@link AggregateLocks}) answers the newest committed event of
 * the aggregate; a kept aggregate is used when that is exactly the last event it applied, same sequence number and
 * same event identifier. Otherwise (another node appended since, or what it applied was rolled back: a failed
 * request, a failed commit, an import row rolled back to its savepoint) it is dropped and the aggregate is loaded from
 * its snapshot and events. An event identifier belongs to one event only, and (aggregate, sequence number) is unique
 * in the store, so equal heads mean equal histories: correctness rests on the store, not on when a kept aggregate was
 * put back or evicted. Commands on one aggregate never use it at the same time: each holds the aggregate's lock until
 * its transaction ends (which is why Axon's in-process lock is not used: it would only add a second lock order).
 * <p>
 * Axon's {@code CachingEventSourcingRepository} trusts its cache without asking the store, which is only safe on a
 * single node whose units of work commit the transaction (here the request's transaction commits after the unit of
 * work).
 */
public final class CachedAggregateRepository<T> extends EventSourcingRepository<T> {

    private final Cache<String, Kept<T>> kept;
    private final AggregateLocks locks;

    record Kept<T>(EventSourcedAggregate<T> aggregate, AggregateHead head) {
    }

    CachedAggregateRepository(Builder<T> builder, Cache<String, Kept<T>> kept, AggregateLocks locks) {
        super(builder);
        this.kept = kept;
        this.locks = locks;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateId, Long expectedVersion) {
        AggregateHead head = locks.head(aggregateId).orElseGet(() -> locks.lock(List.of(aggregateId)).get(aggregateId));
        Kept<T> candidate = kept.getIfPresent(aggregateId);
        EventSourcedAggregate<T> aggregate;
        if (head != null && candidate != null && candidate.head().equals(head)) {
            aggregate = candidate.aggregate();
        } else {
            kept.invalidate(aggregateId);
            aggregate = super.doLoadWithLock(aggregateId, expectedVersion);
        }
        keepWhenCommitted(aggregate);
        return aggregate;
    }

    @Override
    protected EventSourcedAggregate<T> doCreateNewForLock(Callable<T> factoryMethod) throws Exception {
        EventSourcedAggregate<T> aggregate = super.doCreateNewForLock(factoryMethod);
        keepWhenCommitted(aggregate);
        return aggregate;
    }

    /**
     * After the unit of work, keeps the aggregate with the head its last event made; a unit of work that rolls back
     * leaves state that was never stored, which is dropped.
     */
    private void keepWhenCommitted(EventSourcedAggregate<T> aggregate) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.afterCommit(committed -> {
            String aggregateId = aggregate.identifierAsString();
            if (aggregateId == null) {
                return;
            }
            locks.head(aggregateId)
                    .filter(head -> aggregate.version() != null && head.sequenceNumber() == aggregate.version())
                    .ifPresentOrElse(head -> kept.put(aggregateId, new Kept<>(aggregate, head)),
                            () -> kept.invalidate(aggregateId));
        });
        unitOfWork.onRollback(rolledBack -> {
            if (aggregate.identifierAsString() != null) {
                kept.invalidate(aggregate.identifierAsString());
            }
        });
    }
}
