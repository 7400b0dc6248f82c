package io.billfold.projection.processing;

import io.billfold.projection.ProjectionSettings;
import io.billfold.projection.deadletter.DeadLetters;
import io.billfold.projection.stream.EventSignal;
import io.billfold.projection.stream.SignalledEventSource;
import io.billfold.projection.stream.WakeableScheduler;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every projection runs in a pooled streaming processor named after its processing group, with its token in the
 * same database and transaction as its read model, reading events as soon as they are committed
 * ({@link SignalledEventSource}), and sharing its segments with the other query nodes ({@link SegmentSharing}).
 * A failing handler fails its batch, which rolls back and is retried with back-off; an event that keeps failing is
 * parked in the dead-letter queue ({@link DeadLetters}): never logged and skipped.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionSettings.class)
class ProjectionProcessing {

    /** Axon's JPA token store, made safe for several query nodes starting at once ({@link ProjectionTokenStore}). */
    @Bean
    TokenStore tokenStore(EntityManagerProvider entityManagerProvider, Serializer serializer, JdbcTemplate jdbc,
                          TokenStoreProperties tokenStore) {
        return new ProjectionTokenStore(JpaTokenStore.builder()
                .entityManagerProvider(entityManagerProvider)
                .serializer(serializer)
                .claimTimeout(tokenStore.getClaimTimeout()), jdbc);
    }

    @Bean
    ConfigurerModule pooledProjections(ObjectProvider<EventStorageEngine> storage, ObjectProvider<EventSignal> signal,
                                       ObjectProvider<DeadLetters> deadLetters,
                                       ObjectProvider<SegmentSharing> sharing, ProjectionSettings settings) {
        Map<String, WakeableScheduler> coordinators = new ConcurrentHashMap<>();
        return configurer -> configurer.eventProcessing()
                .configureDefaultStreamableMessageSource(configuration ->
                        new SignalledEventSource(storage.getObject(), signal.getObject()))
                .usingPooledStreamingEventProcessors((configuration, builder) -> builder
                        .batchSize(settings.batchSize())
                        // Two segments, so two query nodes share each projection. Four made batches half as large
                        // for the same events: an import of 100,000 customers took 64.8 s against 57.4-59.7 s.
                        // Only a new database takes this; an existing one keeps the segments it has.
                        .initialSegmentCount(settings.segments())
                        // A segment that handles none of the latest events still stores its advanced token this
                        // often; Billfold-Await-Position waits for every segment, so this bounds that wait.
                        .claimExtensionThreshold(settings.claimExtension().toMillis())
                        // How soon a segment nobody holds (its node died, or a replay swapped its token in) is
                        // taken up again.
                        .tokenClaimInterval(settings.claimInterval().toMillis())
                        // Asked every claim interval: above it the processor releases segments, below it claims
                        // more, so that the query nodes share the segments.
                        .maxSegmentProvider(name -> sharing.getObject().maxSegments(name))
                        .coordinatorExecutor(name -> coordinators.computeIfAbsent(name, ignored ->
                                new WakeableScheduler("Coordinator[" + name + "]")))
                        .enableCoordinatorClaimExtension())
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance())
                .registerDefaultHandlerInterceptor((configuration, name) -> deadLetters.getObject().parkingFor(name))
                .registerDefaultHandlerInterceptor((configuration, name) ->
                        WakeableScheduler.wakingAfterEachBatch(() -> coordinators.get(name)));
    }
}
