package io.billfold.platform.eventstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.billfold.platform.personaldata.Erasures;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.common.lock.NullLockFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Builds the repository of an event-sourced aggregate ({@link CachedAggregateRepository}) as Axon's aggregate
 * configuration would, plus the kept aggregates and the store's locks. Use it from a bean named after the aggregate
 * ({@code @Aggregate(repository = "walletRepository")}).
 */
@Component
public class CachedAggregateRepositories {

    private final EventStore eventStore;
    private final ParameterResolverFactory parameterResolvers;
    private final HandlerDefinition handlerDefinition;
    private final ObjectProvider<Configuration> axon;
    private final AggregateLocks locks;
    private final AggregateCacheSettings settings;
    private final Erasures erasures;

    CachedAggregateRepositories(EventStore eventStore, ParameterResolverFactory parameterResolvers,
                                HandlerDefinition handlerDefinition, ObjectProvider<Configuration> axon,
                                AggregateLocks locks, AggregateCacheSettings settings, Erasures erasures) {
        this.eventStore = eventStore;
        this.parameterResolvers = parameterResolvers;
        this.handlerDefinition = handlerDefinition;
        this.axon = axon;
        this.locks = locks;
        this.settings = settings;
        this.erasures = erasures;
    }

    public <T> Repository<T> create(Class<T> aggregateType, SnapshotTriggerDefinition snapshots) {
        EventSourcingRepository.Builder<T> builder = EventSourcingRepository.builder(aggregateType)
                .parameterResolverFactory(parameterResolvers)
                .handlerDefinition(handlerDefinition)
                .lockFactory(NullLockFactory.INSTANCE)
                .eventStore(eventStore)
                .snapshotTriggerDefinition(snapshots)
                .repositoryProvider(new RepositoryProvider() {
                    @Override
                    public <R> Repository<R> repositoryFor(Class<R> type) {
                        return axon.getObject().repository(type);
                    }
                });
        Cache<String, CachedAggregateRepository.Kept<T>> kept =
                Caffeine.newBuilder().maximumSize(settings.cacheSize()).build();
        // An erased customer kept in memory on another node would hold its personal data until it is next used.
        erasures.onErasure(kept::invalidate);
        return new CachedAggregateRepository<>(builder, kept, locks);
    }
}
