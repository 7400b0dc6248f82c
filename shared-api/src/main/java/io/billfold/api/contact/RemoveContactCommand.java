package io.billfold.api.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a contact from a customer. */
public record RemoveContactCommand(@TargetAggregateIdentifier String customerId, String organizationId, String contactId) {
}
