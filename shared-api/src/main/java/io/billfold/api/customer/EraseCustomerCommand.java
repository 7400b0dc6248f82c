package io.billfold.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erase a customer's personal data for good: its data key is deleted, it is archived and never changes again. */
public record EraseCustomerCommand(@TargetAggregateIdentifier String customerId, String organizationId) {
}
