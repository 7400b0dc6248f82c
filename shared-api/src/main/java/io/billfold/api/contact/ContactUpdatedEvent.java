package io.billfold.api.contact;

import org.axonframework.serialization.Revision;

/** A contact changed; {@code details} is its whole new state. */
@Revision("1")
public record ContactUpdatedEvent(String customerId, String contactId, ContactDetails details) {
}
