package io.billfold.api.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Add a secondary contact to a customer. */
public record AddContactCommand(@TargetAggregateIdentifier String customerId, String organizationId, String contactId, ContactDetails details) {
}
