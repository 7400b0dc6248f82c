package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/** The customer's primary email changed or was cleared. */
@Revision("1")
public record CustomerEmailChangedEvent(String customerId, String email) {
}
