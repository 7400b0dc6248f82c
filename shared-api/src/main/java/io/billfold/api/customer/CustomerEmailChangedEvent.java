package io.billfold.api.customer;

import io.billfold.api.DataSubject;
import io.billfold.api.PersonalData;
import org.axonframework.serialization.Revision;

/** The customer's primary email changed or was cleared. */
@Revision("1")
public record CustomerEmailChangedEvent(@DataSubject String customerId, @PersonalData String email) {
}
