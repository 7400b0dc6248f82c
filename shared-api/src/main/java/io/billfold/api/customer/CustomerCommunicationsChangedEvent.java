package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/** Email communications were switched on or off. */
@Revision("1")
public record CustomerCommunicationsChangedEvent(String customerId, boolean communicationsEnabled) {
}
