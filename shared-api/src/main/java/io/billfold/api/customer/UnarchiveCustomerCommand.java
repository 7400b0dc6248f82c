package io.billfold.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Bring an archived customer back, claiming its email and external_id again. */
public record UnarchiveCustomerCommand(@TargetAggregateIdentifier String customerId, String organizationId) {
}
