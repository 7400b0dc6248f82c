package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/** Automatic charging of invoices was switched on or off. */
@Revision("1")
public record CustomerAutoChargeChangedEvent(String customerId, boolean autoChargeEnabled) {
}
