package io.billfold.api.contact;

import org.axonframework.serialization.Revision;

/** A contact was removed from the customer. */
@Revision("1")
public record ContactRemovedEvent(String customerId, String contactId) {
}
