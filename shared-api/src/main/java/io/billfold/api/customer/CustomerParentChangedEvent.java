package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/** The customer was attached to another parent, or detached from its parent (null). */
@Revision("1")
public record CustomerParentChangedEvent(String customerId, String parentCustomerId) {
}
