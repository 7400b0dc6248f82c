package io.billfold.api.customer;

import io.billfold.api.DataSubject;
import io.billfold.api.PersonalData;
import org.axonframework.serialization.Revision;

/** The custom data (a JSON object as text) changed or was cleared, and with it whether the customer is tax exempt. */
@Revision("1")
public record CustomerCustomDataChangedEvent(@DataSubject String customerId, @PersonalData String customData, boolean taxExempt) {
}
