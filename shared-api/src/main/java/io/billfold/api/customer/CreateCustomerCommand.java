package io.billfold.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a customer in the caller's organization, optionally as a child of another (parentCustomerId). */
public record CreateCustomerCommand(@TargetAggregateIdentifier String customerId, String organizationId, CustomerDetails details,
                                    String parentCustomerId) {
}
