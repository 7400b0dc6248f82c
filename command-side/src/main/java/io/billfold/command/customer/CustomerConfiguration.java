package io.billfold.command.customer;

import io.billfold.api.customer.CustomerNotFoundException;
import io.billfold.command.MissingAggregate;
import io.billfold.platform.eventstore.CachedAggregateRepositories;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The customers' repository, which keeps customers in memory between commands ({@code CachedAggregateRepository}).
 * Customers are not snapshotted: a customer's history is short (one event per change a person makes).
 */
@Configuration(proxyBeanMethods = false)
class CustomerConfiguration {

    static final String REPOSITORY = "customerRepository";

    @Bean(REPOSITORY)
    Repository<Customer> customerRepository(CachedAggregateRepositories repositories) {
        return repositories.create(Customer.class, NoSnapshotTriggerDefinition.INSTANCE);
    }

    @Bean
    MissingAggregate missingCustomer() {
        return new MissingAggregate(Customer.class, CustomerNotFoundException::new);
    }
}
