package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/** The customer's phone number (E.164) changed or was cleared. */
@Revision("1")
public record CustomerPhoneNumberChangedEvent(String customerId, String phoneNumber) {
}
