package io.billfold.api.customer;

import io.billfold.api.DataSubject;
import io.billfold.api.PersonalData;
import org.axonframework.serialization.Revision;

/** The external connector reference changed or was cleared. */
@Revision("1")
public record CustomerConnectorChangedEvent(@DataSubject String customerId, @PersonalData Connector connector) {
}
