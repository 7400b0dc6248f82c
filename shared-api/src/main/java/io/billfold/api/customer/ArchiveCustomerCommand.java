package io.billfold.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Archive a customer, releasing its email and external_id for reuse. */
public record ArchiveCustomerCommand(@TargetAggregateIdentifier String customerId, String organizationId) {
}
