package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/** The business entity the customer belongs to changed or was cleared. */
@Revision("1")
public record CustomerBusinessEntityChangedEvent(String customerId, String businessEntityId) {
}
