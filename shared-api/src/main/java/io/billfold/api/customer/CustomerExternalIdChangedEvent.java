package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/** The customer's external id changed or was cleared. */
@Revision("1")
public record CustomerExternalIdChangedEvent(String customerId, String externalId) {
}
