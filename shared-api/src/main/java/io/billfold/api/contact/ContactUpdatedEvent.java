package io.billfold.api.contact;

import io.billfold.api.DataSubject;
import org.axonframework.serialization.Revision;

/** A contact changed; {@code details} is its whole new state. */
@Revision("1")
public record ContactUpdatedEvent(@DataSubject String customerId, String contactId, ContactDetails details) {
}
