package io.billfold.api.customer;

import io.billfold.api.DataSubject;
import io.billfold.api.PersonalData;
import org.axonframework.serialization.Revision;

/** The customer's phone number (E.164) changed or was cleared. */
@Revision("1")
public record CustomerPhoneNumberChangedEvent(@DataSubject String customerId, @PersonalData String phoneNumber) {
}
