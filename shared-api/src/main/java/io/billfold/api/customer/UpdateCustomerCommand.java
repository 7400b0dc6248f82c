package io.billfold.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change a customer with a JSON merge patch (RFC 7396): absent fields stay, null clears. */
public record UpdateCustomerCommand(@TargetAggregateIdentifier String customerId, String organizationId, String mergePatch) {
}
