package io.billfold.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a customer in the caller's organization. */
public record CreateCustomerCommand(@TargetAggregateIdentifier String customerId, String organizationId, CustomerDetails details) {
}
