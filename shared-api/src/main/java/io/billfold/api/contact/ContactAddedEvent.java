package io.billfold.api.contact;

import io.billfold.api.DataSubject;
import org.axonframework.serialization.Revision;

/** A contact was added to the customer, with its normalised details. */
@Revision("1")
public record ContactAddedEvent(@DataSubject String customerId, String contactId, ContactDetails details) {
}
