package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/** The customer's name changed. */
@Revision("1")
public record CustomerRenamedEvent(String customerId, String customerName) {
}
