package io.billfold.api.customer;

import io.billfold.api.DataSubject;
import io.billfold.api.PersonalData;
import org.axonframework.serialization.Revision;

/** The billing address changed or was cleared. */
@Revision("1")
public record CustomerBillingAddressChangedEvent(@DataSubject String customerId, @PersonalData Address address) {
}
