package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/** The ship-to address changed or was cleared. */
@Revision("1")
public record CustomerShippingAddressChangedEvent(String customerId, Address shipToAddress) {
}
