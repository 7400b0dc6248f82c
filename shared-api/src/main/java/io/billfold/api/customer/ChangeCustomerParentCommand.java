package io.billfold.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Attach a customer to a parent customer, or detach it (null). */
public record ChangeCustomerParentCommand(@TargetAggregateIdentifier String customerId, String organizationId, String parentCustomerId) {
}
