package io.billfold.api.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change a contact with a JSON merge patch (RFC 7396). */
public record UpdateContactCommand(@TargetAggregateIdentifier String customerId, String organizationId, String contactId, String mergePatch) {
}
