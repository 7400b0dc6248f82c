package io.billfold.api.contact;

import org.axonframework.serialization.Revision;

/** A contact was added to the customer, with its normalised details. */
@Revision("1")
public record ContactAddedEvent(String customerId, String contactId, ContactDetails details) {
}
