package io.billfold.platform.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.billfold.api.MetadataKeys;
import io.billfold.platform.personaldata.PersonalDataProtection;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;


/**
 * How events are stored: Jackson 2 with its own mapper (the web layer's Jackson 3 settings can never change what
 * is stored), the JPA storage engine on PostgreSQL ({@link PostgresEventStorageEngine}), and the metadata every
 * event inherits from its command.
 */
@Configuration(proxyBeanMethods = false)
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
@EnableConfigurationProperties({AggregateCacheSettings.class, EventStoreSettings.class})
public class AxonConfiguration {

    static ObjectMapper storageObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Older processes must read events written by newer ones that added fields.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /**
     * One serializer for events, snapshots, messages and tokens; its mapper is private to the event store. It keeps
     * personal data encrypted ({@link PersonalDataProtection}).
     */
    @Bean
    @Primary
    Serializer serializer(PersonalDataProtection protection) {
        return new StorageSerializer(JacksonSerializer.builder().objectMapper(storageObjectMapper()), protection);
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    EventStorageEngine eventStorageEngine(EntityManagerProvider entityManagerProvider,
                                          TransactionManager transactionManager,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          EventStoreSettings settings, JdbcTemplate jdbc, Serializer serializer,
                                          ObjectProvider<SnapshotFilter> snapshotFilters) {
        return new PostgresEventStorageEngine(JpaEventStorageEngine.builder()
                .snapshotFilter(snapshotFilters.orderedStream()
                        .reduce(SnapshotFilter.allowAll(), SnapshotFilter::combine))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .entityManagerProvider(entityManagerProvider)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .gapTimeout(Math.toIntExact(settings.gapTimeout().toMillis()))
                .batchSize(settings.batchSize()), transactionManager, jdbc);
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider callerCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(MetadataKeys.ORGANIZATION_ID, MetadataKeys.ACTOR_ID,
                MetadataKeys.ACTOR_NAME, MetadataKeys.REQUEST_ID, MetadataKeys.IDEMPOTENCY_KEY);
    }
}
