package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/** The billing address changed or was cleared. */
@Revision("1")
public record CustomerBillingAddressChangedEvent(String customerId, Address address) {
}
