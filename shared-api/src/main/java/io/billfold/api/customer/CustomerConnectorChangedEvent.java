package io.billfold.api.customer;

import org.axonframework.serialization.Revision;

/** The external connector reference changed or was cleared. */
@Revision("1")
public record CustomerConnectorChangedEvent(String customerId, Connector connector) {
}
